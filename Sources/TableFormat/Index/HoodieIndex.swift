/// Where records already live: Hudi's index, the step that turns an upsert into updates of existing file
/// groups plus inserts. Keys are record keys (`_hoodie_record_key`); the index is per partition (Hudi's
/// non-global indexes), so a key is looked up only among the file slices of its partition.
public protocol HoodieIndex: Sendable {
    /// For each of `keys` present in one of `slices` (the latest file slices of `partitionPath`), the file id
    /// of the file group holding it. Keys found nowhere are absent from the result.
    func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String]
}
