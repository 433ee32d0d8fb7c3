import Columnar
@testable import SQLExecution

/// Builds batches from boxed columns for tests.
func makeBatch(_ columns: [(String, DataType, [Value])], selection: [Int]? = nil) -> Batch {
    let schema = Schema(columns.map { Field($0.0, $0.1) })
    let vectors = columns.map { Vector(type: $0.1, values: $0.2) }
    return Batch(
        schema: schema, columns: vectors, count: vectors.first?.count ?? 0,
        selection: selection.map { SelectionVector(ContiguousArray($0.map { UInt32($0) })) })
}

/// Evaluates `expression` and returns the live rows' values.
func evaluate(_ expression: PhysicalExpression, _ batch: Batch) throws -> [Value] {
    let vector = try ExpressionExecutor(expression).evaluate(batch)
    var out: [Value] = []
    batch.forEachRow { out.append(vector.value(at: $0)) }
    return out
}

func col(_ i: Int, _ t: DataType) -> PhysicalExpression { .column(i, t) }
func lit(_ v: Int64) -> PhysicalExpression { .literal(.int(v), .int64) }
func lit(_ s: String) -> PhysicalExpression { .literal(.string(s), .string) }
func litD(_ d: Double) -> PhysicalExpression { .literal(.float(d), .float64) }

/// Drains an operator into boxed rows.
func drain(_ op: PhysicalOperator) throws -> [[Value]] {
    var rows: [[Value]] = []
    while let batch = try op.next() { rows += batch.rows }
    return rows
}

/// A deterministic generator (SplitMix64) so randomized tests reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
