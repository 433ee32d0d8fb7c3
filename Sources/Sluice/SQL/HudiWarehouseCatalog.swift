import Columnar
import Foundation
import SQLPlanner
import Storage
import TableFormat

/// The Hudi tables directly under a warehouse location (a directory, `file://`, `s3://bucket/prefix`,
/// `memory://name`), by name: a table is the key prefix `name/` holding `.hoodie/hoodie.properties`. The catalog
/// keeps no state of its own, so several engines (and Spark) may share one warehouse.
public final class HudiWarehouseCatalog: WritableCatalog {
    public let uri: String
    public let store: any ObjectStore
    /// The table version new tables get (6 or 8).
    public var tableVersion = 6

    public init(uri: String) throws {
        self.uri = uri
        store = try ObjectStores.open(uri: uri)
    }

    public init(store: any ObjectStore) {
        uri = store.uri
        self.store = store
    }

    /// The table's key prefix as stored (its directory name), matched case-insensitively: the name as written
    /// and in lower case are probed first (one HEAD each), the listing only when neither is a table.
    public func prefix(of name: String) throws -> String? {
        for candidate in Set([name, name.lowercased()]).sorted() where try isTable(candidate) { return candidate }
        return try tableNames().first { $0.lowercased() == name.lowercased() }
    }

    private func isTable(_ prefix: String) throws -> Bool {
        guard !prefix.isEmpty, !prefix.contains("/"), !prefix.hasPrefix(".") else { return false }
        do {
            return try store.exists("\(prefix)/.hoodie/hoodie.properties")
        } catch let error as StorageError where error.code == .invalidKey {
            return false  // a name no object key can hold names no table
        }
    }

    /// The Hudi table named `name`, opened at its latest commit.
    public func hudiTable(_ name: String) throws -> HudiTable? {
        try prefix(of: name).map { try HudiTable.open(store: store, path: $0) }
    }

    public func lookup(_ name: String) throws -> (any TableProvider)? {
        try hudiTable(name).map { HudiWarehouseTable(table: $0, location: location($0.basePath)) }
    }

    public func lookup(_ name: String, asOf version: String) throws -> (any TableProvider)? {
        try hudiTable(name).map { HudiTableProvider(table: $0, asOf: version) }
    }

    public func tableNames() throws -> [String] {
        let prefixes = try store.listAll(prefix: "", delimiter: "/").commonPrefixes
        return try prefixes.map { String($0.dropLast($0.hasSuffix("/") ? 1 : 0)) }
            .filter { try isTable($0) }
            .sorted()
    }

    public func create(_ definition: TableDefinition) throws -> any WritableTable {
        if let existing = try prefix(of: definition.name) {
            throw PlannerError(.catalog, "Table with name \(existing) already exists!")
        }
        let options = try tableOptions(definition)
        let table = try PlannerError.reporting { try HudiTable.create(store: store, path: definition.name, options: options) }
        return HudiWarehouseTable(table: table, location: location(table.basePath))
    }

    /// Removes the table's objects, `hoodie.properties` first so the table is gone from listings before its files.
    /// The warehouse owns its tables' data, so DROP deletes it with or without PURGE (Spark's managed tables).
    public func drop(_ name: String, purge: Bool) throws {
        guard let prefix = try prefix(of: name) else {
            throw PlannerError(.catalog, "Table with name \(name) does not exist!")
        }
        try PlannerError.reporting {
            try store.delete("\(prefix)/.hoodie/hoodie.properties")
            for object in try store.listAll(prefix: prefix + "/").objects { try store.delete(object.key) }
        }
    }

    func location(_ basePath: String) -> String {
        uri.hasSuffix("/") ? uri + basePath : uri + "/" + basePath
    }

    /// Hudi's Spark SQL properties as `HudiTableOptions`: `primaryKey`, `preCombineField`, `type` (cow only),
    /// and the `hoodie.*` options that shape the table (`HudiWarehouseCatalog+Properties`).
    func tableOptions(_ definition: TableDefinition) throws -> HudiTableOptions {
        let properties = definition.properties
        guard !properties.primaryKey.isEmpty else {
            throw PlannerError(.binder, "Hudi table \(definition.name) needs a primary key: PRIMARY KEY (...) or TBLPROPERTIES (primaryKey = '...'). Sluice writes every record under its key; it does not generate keys for keyless tables as Hudi 0.14+ does")
        }
        if let type = properties.tableType, type.lowercased() != "cow" {
            throw PlannerError(.notSupported, "Hudi table \(definition.name): type '\(type)'; Sluice writes copy-on-write ('cow') tables")
        }
        var options = HudiTableOptions(name: definition.name, schema: definition.schema, recordKeyFields: properties.primaryKey,
                                       precombineField: properties.preCombineField, partitionFields: properties.partitionFields,
                                       version: tableVersion, hiveStyle: true)
        try apply(properties.options, to: &options)
        return options
    }
}
