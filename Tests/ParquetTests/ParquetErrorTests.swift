import Testing
@testable import Parquet
@Test func errorPrefixesContext() { #expect(ParquetError(.corrupt, "x").prefixed("f.parquet").message == "f.parquet: x") }
