/// Sluice: the facade over Columnar, Parquet, Storage, TableFormat and the SQL engine for Swift programs.
@_exported import Columnar
@_exported import Parquet
@_exported import Storage
@_exported import TableFormat
@_exported import SQLExecution
@_exported import SQLLogicTest
@_exported import SQLPlanner
@_exported import SQLSyntax

public enum SluiceVersion {
    public static let string = "0.1.0"
}
