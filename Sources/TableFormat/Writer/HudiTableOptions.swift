import Columnar

/// What `HudiTable.create` needs to lay out a new copy-on-write table.
public struct HudiTableOptions: Sendable {
    /// Hudi's key generators, as table version 6 names their classes and version 8 their types.
    public enum KeyGenerator: String, Sendable, CaseIterable {
        /// One record-key field, its value as the key; one partition field.
        case simple
        /// `field:value` pairs joined by `,`; several partition fields joined by `/`.
        case complex
        /// No partitions; one key field gives the value, several the complex form.
        case nonPartitioned

        public var className: String {
            switch self {
            case .simple: "org.apache.hudi.keygen.SimpleKeyGenerator"
            case .complex: "org.apache.hudi.keygen.ComplexKeyGenerator"
            case .nonPartitioned: "org.apache.hudi.keygen.NonpartitionedKeyGenerator"
            }
        }

        public var typeName: String {
            switch self {
            case .simple: "SIMPLE"
            case .complex: "COMPLEX"
            case .nonPartitioned: "NON_PARTITION"
            }
        }

        /// The generator a table's `hoodie.table.keygenerator.class` or `.type` names.
        public init?(config value: String) {
            guard let match = KeyGenerator.allCases.first(where: { $0.className == value || $0.typeName == value.uppercased() }) else {
                return nil
            }
            self = match
        }
    }

    public var name: String
    /// 6 (timeline layout 1) or 8 (layout 2).
    public var version: Int = 6
    public var databaseName: String = "default"
    /// The data columns (no meta fields), in table order; every type must have an Avro form.
    public var schema: Schema
    public var recordKeyFields: [String]
    /// Of two records with one key, the greater value of this column wins; nil: the later write wins.
    public var precombineField: String?
    public var partitionFields: [String] = []
    /// `field=value` folders instead of `value`.
    public var hiveStyle: Bool = false
    /// Escape partition values as Hive does (`%2F` for `/`).
    public var urlEncode: Bool = false
    /// Derived from the partition and key fields when nil: non-partitioned, simple or complex.
    public var keyGenerator: KeyGenerator?
    /// Further `hoodie.*` entries for `hoodie.properties` (Spark SQL's TBLPROPERTIES pass them through); one
    /// that names a key the table writes itself must give the same value.
    public var extraProperties: [(key: String, value: String)] = []

    public init(name: String, schema: Schema, recordKeyFields: [String], precombineField: String? = nil,
                partitionFields: [String] = [], version: Int = 6, hiveStyle: Bool = false, urlEncode: Bool = false,
                keyGenerator: KeyGenerator? = nil) {
        self.name = name
        self.schema = schema
        self.recordKeyFields = recordKeyFields
        self.precombineField = precombineField
        self.partitionFields = partitionFields
        self.version = version
        self.hiveStyle = hiveStyle
        self.urlEncode = urlEncode
        self.keyGenerator = keyGenerator
    }

    /// The key generator the table will record.
    public var resolvedKeyGenerator: KeyGenerator {
        if let keyGenerator { return keyGenerator }
        if partitionFields.isEmpty { return .nonPartitioned }
        return partitionFields.count == 1 && recordKeyFields.count == 1 ? .simple : .complex
    }

    /// Throws for options no Hudi reader would accept.
    func validate() throws {
        guard [6, 8].contains(version) else {
            throw TableFormatError(.unsupported, "table version \(version) cannot be created (6 and 8 can)")
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw TableFormatError(.invalidArgument, "table name '\(name)' must be letters, digits and '_' (it names the Avro record)")
        }
        for (key, value) in extraProperties where !key.hasPrefix("hoodie.") || key == HoodieTableConfig.Key.checksum {
            throw TableFormatError(.invalidArgument, "table '\(name)': property '\(key)' = '\(value)' cannot go into hoodie.properties (only hoodie.* keys, and not the checksum)")
        }
        guard !recordKeyFields.isEmpty else { throw TableFormatError(.invalidArgument, "table '\(name)' needs at least one record key field") }
        for column in recordKeyFields + partitionFields + [precombineField].compactMap({ $0 }) where schema.index(of: column) == nil {
            throw TableFormatError(.invalidArgument, "table '\(name)': no column '\(column)' in the schema (columns: \(schema.fields.map(\.name).joined(separator: ", ")))")
        }
        for field in schema.fields where HudiTable.metaFields.contains(field.name) {
            throw TableFormatError(.invalidArgument, "table '\(name)': column '\(field.name)' is a Hudi meta field name")
        }
        switch resolvedKeyGenerator {
        case .simple where recordKeyFields.count != 1 || partitionFields.count != 1:
            throw TableFormatError(.invalidArgument, "table '\(name)': the simple key generator takes one key field and one partition field")
        case .nonPartitioned where !partitionFields.isEmpty:
            throw TableFormatError(.invalidArgument, "table '\(name)': the non-partitioned key generator takes no partition fields")
        default: break
        }
    }
}
