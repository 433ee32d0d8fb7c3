import Columnar
import Foundation
import SQLPlanner
import Storage
import TableFormat

/// Opening a SQL session on a warehouse: `memory://` is a scratch in-memory catalog; anything else (a directory,
/// `file://`, `s3://bucket/prefix`) is a writable catalog of the Hudi tables directly under it.
public enum SQLWarehouse {
    public static func engine(uri: String) throws -> SQLEngine {
        let catalog: any Catalog = uri == "memory://" ? MemoryCatalog() : try HudiWarehouseCatalog(uri: uri)
        let engine = SQLEngine(catalog: catalog, tableFunctions: FileTableFunctions(warehouse: catalog as? any HudiTableLocating))
        engine.fileWriters = CopyFileWriters()
        engine.procedures = HudiProcedures(warehouse: catalog as? any HudiTableLocating)
        return engine
    }
}
