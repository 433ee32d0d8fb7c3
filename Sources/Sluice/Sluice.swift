/// Sluice: the facade over Columnar, Parquet, Storage, TableFormat and Ingest for Swift programs.
@_exported import Columnar
@_exported import Parquet
@_exported import Storage
@_exported import TableFormat
@_exported import Ingest

public enum SluiceVersion {
    public static let string = "0.1.0"
}
