import Columnar

/// A leaf column's decoded contents for a run of whole records: one definition and repetition level per
/// level entry (absent when the max level is 0) and the non-null values only, densely, in the leaf's
/// Columnar type.
struct LeafColumnData {
    var definitionLevels: ContiguousArray<UInt32>?
    var repetitionLevels: ContiguousArray<UInt32>?
    /// `values.count` = the number of entries whose definition level is the max.
    var values: Vector
    /// Level entries (nulls and empty lists included).
    var levelCount: Int
}

/// Validity bits appended one row at a time; counts nulls so an all-valid result can drop the bitmap.
struct ValidityBuilder {
    var words: ContiguousArray<UInt64> = []
    var count = 0
    var nullCount = 0

    @inline(__always)
    mutating func append(_ valid: Bool) {
        let bit = count & 63
        if bit == 0 { words.append(0) }
        if valid {
            words[words.count &- 1] |= 1 &<< UInt64(bit)
        } else {
            nullCount &+= 1
        }
        count &+= 1
    }

    mutating func reserve(_ n: Int) { words.reserveCapacity(Validity.wordCount(n)) }

    /// The bitmap, or nil when every row is valid.
    var validity: Validity? { nullCount == 0 ? nil : Validity(words: words) }
}
