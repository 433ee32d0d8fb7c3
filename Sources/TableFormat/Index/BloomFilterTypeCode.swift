/// Which bloom filter a base file's footer holds (`hoodie_bloom_filter_type_code`). Hudi writes the code only for
/// dynamic filters; a footer without one holds a SIMPLE filter.
public enum BloomFilterTypeCode: String, Sendable, CaseIterable {
    /// One standard Hadoop bloom filter.
    case simple = "SIMPLE"
    /// Hudi's bounded dynamic filter: rows of standard filters, added as keys arrive.
    case dynamicV0 = "DYNAMIC_V0"

    /// The code by name, ignoring case as `BloomFilterFactory` does.
    public init(name: String) throws {
        guard let code = BloomFilterTypeCode.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw TableFormatError(.unsupported, "bloom filter type code '\(name)' is not SIMPLE or DYNAMIC_V0")
        }
        self = code
    }
}
