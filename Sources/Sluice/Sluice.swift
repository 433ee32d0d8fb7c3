/// Sluice: the facade over Columnar, Parquet, Storage, TableFormat, TextFormats, the SQL engine and Ingest for
/// Swift programs.
@_exported import Columnar
@_exported import Parquet
@_exported import Storage
@_exported import TableFormat
@_exported import TextFormats
@_exported import SQLExecution
@_exported import SQLLogicTest
@_exported import SQLPlanner
@_exported import SQLSyntax
@_exported import Ingest

public enum SluiceVersion {
    public static let string = "0.1.0"
}
