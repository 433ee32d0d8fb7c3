/// Sluice: the facade over Columnar, Parquet and Storage for Swift programs.
@_exported import Columnar
@_exported import Parquet
@_exported import Storage

public enum SluiceVersion {
    public static let string = "0.1.0"
}
