import Columnar
import Parquet
import Storage

/// Hudi's SIMPLE index: reads the `_hoodie_record_key` column of every candidate base file and joins it with
/// the incoming keys. Exact, and costs one column scan per file in the affected partitions.
public struct HoodieSimpleIndex: HoodieIndex {
    public let store: any ObjectStore

    public init(store: any ObjectStore) { self.store = store }

    public func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let wanted = Set(keys)
        var found: [String: String] = [:]
        for slice in slices where slice.partitionPath == partitionPath {
            try HoodieSimpleIndex.forEachRecordKey(store: store, file: slice.baseFile) { key in
                if wanted.contains(key) { found[key] = slice.fileId }
            }
            if found.count == wanted.count { break }
        }
        return found
    }

    /// Calls `body` with every record key of a base file, reading only the key column.
    static func forEachRecordKey(store: any ObjectStore, file: HoodieBaseFile, _ body: (String) throws -> Void) throws {
        let column = HudiTable.metaFields[2]
        let reader = try HudiTable.parquetReader(store: store, key: file.key, size: file.size, columns: [column])
        guard reader.projectedSchema.fields.first?.name == column, case .string = reader.projectedSchema.fields[0].type else {
            throw TableFormatError(.schemaMismatch, "base file '\(file.key)' has no string column \(column)")
        }
        var batches = reader.makeBatchIterator()
        while true {
            let next: Batch?
            do {
                next = try batches.next()
            } catch let error as ParquetError {
                throw TableFormatError(.io, "base file '\(file.key)': \(error.message)")
            }
            guard let batch = next else { return }
            try StringColumn.forEach(batch.columns[0], rowCount: batch.rowCount, physicalRow: batch.physicalRow, file: file.key) {
                try body($1)
            }
        }
    }
}
