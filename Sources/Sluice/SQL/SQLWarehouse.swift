import Columnar
import Foundation
import SQLPlanner
import Storage
import TableFormat

/// Opening a SQL session on a warehouse: `memory://` is a scratch in-memory catalog; a directory is a
/// read-only catalog of the Hudi tables directly under it (a table is a directory holding `.hoodie`).
public enum SQLWarehouse {
    public static func engine(uri: String) throws -> SQLEngine {
        let catalog: any Catalog = uri.hasPrefix("memory://") ? MemoryCatalog() : HudiWarehouseCatalog(root: uri)
        return SQLEngine(catalog: catalog, tableFunctions: FileTableFunctions())
    }
}

/// Hudi tables found under a local warehouse directory, by directory name. Read-only today.
public final class HudiWarehouseCatalog: Catalog {
    public let root: String

    public init(root: String) { self.root = root.hasPrefix("file://") ? String(root.dropFirst(7)) : root }

    private func directory(_ name: String) throws -> String? {
        try tableNames().first { $0.lowercased() == name.lowercased() }.map { root + "/" + $0 }
    }

    public func lookup(_ name: String) throws -> (any TableProvider)? {
        try directory(name).map { try HudiTableProvider(uri: $0) }
    }

    public func lookup(_ name: String, asOf version: String) throws -> (any TableProvider)? {
        try directory(name).map { try HudiTableProvider(uri: $0, asOf: version) }
    }

    public func create(_ name: String, schema: Schema) throws -> any TableProvider {
        throw PlannerError(.notSupported, "CREATE TABLE \(name): the Hudi warehouse at \(root) is read-only today")
    }

    public func drop(_ name: String) throws {
        throw PlannerError(.notSupported, "DROP TABLE \(name): the Hudi warehouse at \(root) is read-only today")
    }

    public func tableNames() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/.hoodie") }.sorted()
    }
}
