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
