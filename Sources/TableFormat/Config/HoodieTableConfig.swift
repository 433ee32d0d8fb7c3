/// `.hoodie/hoodie.properties`: the table's identity and layout.
public struct HoodieTableConfig: Sendable, Equatable {
    public enum TableType: String, Sendable {
        case copyOnWrite = "COPY_ON_WRITE"
        case mergeOnRead = "MERGE_ON_READ"
    }

    /// The property keys Hudi writes, verbatim.
    public enum Key {
        public static let name = "hoodie.table.name"
        public static let databaseName = "hoodie.database.name"
        public static let type = "hoodie.table.type"
        public static let version = "hoodie.table.version"
        public static let timelineLayoutVersion = "hoodie.timeline.layout.version"
        public static let timelinePath = "hoodie.timeline.path"
        public static let timelineTimezone = "hoodie.table.timeline.timezone"
        public static let recordKeyFields = "hoodie.table.recordkey.fields"
        public static let precombineField = "hoodie.table.precombine.field"
        public static let orderingFields = "hoodie.table.ordering.fields"
        public static let partitionFields = "hoodie.table.partition.fields"
        public static let keyGeneratorClass = "hoodie.table.keygenerator.class"
        public static let keyGeneratorType = "hoodie.table.keygenerator.type"
        public static let hiveStylePartitioning = "hoodie.datasource.write.hive_style_partitioning"
        public static let urlEncodePartitioning = "hoodie.datasource.write.partitionpath.urlencode"
        public static let dropPartitionColumns = "hoodie.datasource.write.drop.partition.columns"
        public static let populateMetaFields = "hoodie.populate.meta.fields"
        public static let baseFileFormat = "hoodie.table.base.file.format"
        public static let createSchema = "hoodie.table.create.schema"
        public static let checksum = "hoodie.table.checksum"
    }

    /// Every property, in file order (comments dropped).
    public var entries: [(key: String, value: String)]
    public var properties: [String: String]

    public static func == (lhs: HoodieTableConfig, rhs: HoodieTableConfig) -> Bool { lhs.properties == rhs.properties }

    /// Parses and validates: name, type, version and layout version are required, as every reader needs them.
    public init(entries: [(key: String, value: String)]) throws {
        self.entries = entries
        properties = JavaProperties.dictionary(entries)
        guard properties[Key.name].map({ !$0.isEmpty }) == true else {
            throw TableFormatError(.invalidConfig, "hoodie.properties has no '\(Key.name)'")
        }
        _ = try tableType  // validates
        let version = try tableVersion
        guard [6, 8, 9].contains(version) else {
            throw TableFormatError(.unsupported, "table version \(version) is not supported ('\(Key.version)'; 6, 8 and 9 are)")
        }
        let layout = try timelineLayoutVersion
        guard layout == (version == 6 ? 1 : 2) else {
            throw TableFormatError(.invalidConfig, "table version \(version) expects timeline layout version \(version == 6 ? 1 : 2), found \(layout) ('\(Key.timelineLayoutVersion)')")
        }
    }

    public init(text: String) throws {
        try self.init(entries: JavaProperties.parse(text))
    }

    public subscript(key: String) -> String? { properties[key] }

    public var name: String { properties[Key.name] ?? "" }
    public var databaseName: String? { properties[Key.databaseName] }

    public var tableType: TableType {
        get throws {
            let raw = properties[Key.type] ?? ""
            switch raw.uppercased().replacingOccurrences(of: "-", with: "_") {
            case "COPY_ON_WRITE", "COW": return .copyOnWrite
            case "MERGE_ON_READ", "MOR": return .mergeOnRead
            default: throw TableFormatError(.invalidConfig, "'\(Key.type)' is '\(raw)', not COPY_ON_WRITE or MERGE_ON_READ")
            }
        }
    }

    public var tableVersion: Int { get throws { try integer(Key.version) } }
    public var timelineLayoutVersion: Int { get throws { try integer(Key.timelineLayoutVersion) } }

    /// Where the active timeline lives, relative to the base path: `.hoodie` (layout 1) or
    /// `.hoodie/<hoodie.timeline.path>` (layout 2, `timeline` by default).
    public var timelineDirectory: String {
        if (try? timelineLayoutVersion) == 1 { return ".hoodie" }
        return ".hoodie/" + (properties[Key.timelinePath].flatMap { $0.isEmpty ? nil : $0 } ?? "timeline")
    }

    /// `UTC` or `LOCAL`; Java defaults to LOCAL, hudi-rs to UTC. Absent means the writer did not say.
    public var timelineTimezone: String? { properties[Key.timelineTimezone] }

    public var recordKeyFields: [String] { list(Key.recordKeyFields) }
    /// The precombine (v6, v8) or ordering (v9) field.
    public var precombineField: String? { (properties[Key.precombineField] ?? properties[Key.orderingFields]).flatMap { $0.isEmpty ? nil : $0 } }
    public var partitionFields: [String] { list(Key.partitionFields) }
    public var keyGenerator: String? { properties[Key.keyGeneratorType] ?? properties[Key.keyGeneratorClass] }
    public var isHiveStylePartitioning: Bool { flag(Key.hiveStylePartitioning, default: false) }
    public var isURLEncodedPartitioning: Bool { flag(Key.urlEncodePartitioning, default: false) }
    public var dropsPartitionColumns: Bool { flag(Key.dropPartitionColumns, default: false) }
    public var populatesMetaFields: Bool { flag(Key.populateMetaFields, default: true) }
    /// PARQUET unless the table says otherwise (Spark omits the key).
    public var baseFileFormat: String { (properties[Key.baseFileFormat] ?? "PARQUET").uppercased() }
    public var createSchema: String? { properties[Key.createSchema] }
    public var isPartitioned: Bool { !partitionFields.isEmpty }

    private func integer(_ key: String) throws -> Int {
        guard let raw = properties[key] else { throw TableFormatError(.invalidConfig, "hoodie.properties has no '\(key)'") }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)) else {
            throw TableFormatError(.invalidConfig, "'\(key)' is '\(raw)', not an integer")
        }
        return value
    }

    private func list(_ key: String) -> [String] {
        (properties[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func flag(_ key: String, default value: Bool) -> Bool {
        guard let raw = properties[key] else { return value }
        return raw.lowercased() == "true"
    }
}
