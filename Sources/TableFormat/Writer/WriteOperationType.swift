/// Hudi's WriteOperationType, by the names commit metadata records in `operationType`.
public enum WriteOperationType: String, Sendable, CaseIterable {
    /// New records: no index lookup (a key already in the table is written again), small files filled first.
    case insert = "INSERT"
    /// Like insert but without deduplication or small-file packing: each partition's rows go to new file groups.
    case bulkInsert = "BULK_INSERT"
    /// Update the records whose keys exist (copy-on-write merge of their file groups), insert the rest.
    case upsert = "UPSERT"
    /// Remove the records with the given keys.
    case delete = "DELETE"
    /// Replace every file group of the partitions written with the new rows (a replacecommit).
    case insertOverwrite = "INSERT_OVERWRITE"
    /// Replace every file group of the table with the new rows (a replacecommit).
    case insertOverwriteTable = "INSERT_OVERWRITE_TABLE"

    /// The timeline action the operation commits as.
    public var action: HoodieInstant.Action {
        self == .insertOverwrite || self == .insertOverwriteTable ? .replaceCommit : .commit
    }
}
