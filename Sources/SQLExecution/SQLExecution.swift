/// SQLExecution: the vectorized executor's physical layer.
///
/// It owns bound expressions (`PhysicalExpression`: column *indices* with resolved `DataType`s, never names),
/// their kernels over Columnar vectors, and pull-based operators (`PhysicalOperator.next() -> Batch?`) from
/// scans to hash joins, aggregates, sorts and windows. It imports only Columnar: the planner above wires
/// Parquet and Hudi scans in through `BatchSource`, and the CLI renders what comes out.
///
/// Conventions every kernel follows:
/// - an expression evaluated over a batch yields a vector of `batch.count` (physical) rows; only the rows the
///   batch's selection names are computed, the others hold zeroed, unspecified values;
/// - validity travels as `UInt64` words, with the all-valid (`nil`) case handled first;
/// - errors are `ExecutionError`s whose messages begin with the DuckDB class prefix.
public enum SQLExecution {}
