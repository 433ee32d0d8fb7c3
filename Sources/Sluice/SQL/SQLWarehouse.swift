import Columnar
import Foundation
import SQLPlanner
import Storage
import TableFormat

/// Opening a SQL session on a warehouse: `memory://` is a scratch in-memory catalog; a directory is a
/// read-only catalog of the Hudi tables directly under it (a table is a directory holding `.hoodie`).
public enum SQLWarehouse {
    public static func engine(uri: String) throws -> SQLEngine {
        let progress = QueryProgress()
        let catalog: any Catalog = uri.hasPrefix("memory://") ? MemoryCatalog() : HudiWarehouseCatalog(root: uri, progress: progress)
        return SQLEngine(catalog: catalog, tableFunctions: FileTableFunctions(progress: progress), progress: progress)
    }
}

/// Hudi tables found under a warehouse directory or object-store prefix, by folder name. Read-only today.
public final class HudiWarehouseCatalog: Catalog {
    public let root: String
    /// The root as given (a path or an object URI).
    let uri: String
    let progress: QueryProgress?

    public init(root: String, progress: QueryProgress? = nil) {
        self.uri = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.root = root.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
        self.progress = progress
    }

    /// The table's folder name, matched without regard to case.
    private func directory(_ name: String) throws -> String? {
        try tableNames().first { $0.lowercased() == name.lowercased() }
    }

    public func lookup(_ name: String) throws -> (any TableProvider)? {
        try directory(name).map { try HudiTableProvider(uri: uri + "/" + $0, progress: progress) }
    }

    public func lookup(_ name: String, asOf version: String) throws -> (any TableProvider)? {
        try directory(name).map { try HudiTableProvider(uri: uri + "/" + $0, asOf: version, progress: progress) }
    }

    public func create(_ name: String, schema: Schema) throws -> any TableProvider {
        throw PlannerError(.notSupported, "CREATE TABLE \(name): the Hudi warehouse at \(root) is read-only today")
    }

    public func drop(_ name: String) throws {
        throw PlannerError(.notSupported, "DROP TABLE \(name): the Hudi warehouse at \(root) is read-only today")
    }

    /// Folders holding `.hoodie`: listed on disk, or through the object store for `s3://` and `file://` roots.
    public func tableNames() throws -> [String] {
        guard Location.isObjectURI(uri) else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            return names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/.hoodie") }.sorted()
        }
        let store = try ObjectStores.open(uri: uri)
        let folders = try store.listAll(prefix: "", delimiter: "/").commonPrefixes.map { String($0.dropLast()) }
        return try folders.filter { try store.exists($0 + "/.hoodie/hoodie.properties") }.sorted()
    }
}
