import Columnar
import Parquet

/// What every file-group write of one commit shares, read-only (handles may run on parallel threads).
struct HoodieWriteContext: Sendable {
    let table: HudiTable
    let instantTime: String
    /// Meta columns then data columns: the schema of every base file written.
    let schema: Schema
    /// Footer entries common to every file (the Avro schema).
    let footer: [KeyValue]
    let parquetOptions: ParquetWriteOptions
    /// The bloom filter every base file's footer carries.
    let bloomFilter: HoodieBloomIndexConfig
    /// The precombine column's index in `schema`, if the table has one.
    let precombineColumn: Int?
    /// The incoming rows with their meta columns filled (full `schema`).
    let incoming: [Batch]
    let keys: HoodieIncomingRecords

    static let fileNameColumn = 4
    static let recordKeyColumn = 2
}

/// Writes one file group's new base file: for a rewrite, the old slice's records (minus deletes and records an
/// incoming update replaces, keeping their meta values but for the file name), then the incoming rows
/// (Hudi's HoodieMergeHandle / HoodieCreateHandle). Memory: one old batch at a time plus the key set.
///
/// A handle owns everything it writes with (its old file's reader, its base file writer), so the handles of one
/// commit may run on parallel threads sharing only the immutable context.
struct HoodieWriteHandle: Sendable {
    let write: FileGroupWrite
    let fileName: String
    let writeToken: String

    /// Writes and publishes the base file; `opened` learns its object key first. On failure the file is aborted
    /// here, so nothing of a failed handle is left published.
    func run(_ context: HoodieWriteContext, opened: (String) -> Void) throws -> HoodieWriteStat {
        let table = context.table
        let writer = try HoodieBaseFileWriter(store: table.store, basePath: table.basePath, partitionPath: write.partitionPath,
                                              fileId: write.fileId, writeToken: writeToken, instantTime: context.instantTime,
                                              schema: context.schema, bloomFilter: context.bloomFilter, footer: context.footer,
                                              options: context.parquetOptions)
        opened(writer.key)
        do {
            return try run(context, writer: writer)
        } catch {
            writer.abort()
            throw error
        }
    }

    private func run(_ context: HoodieWriteContext, writer: HoodieBaseFileWriter) throws -> HoodieWriteStat {
        let updates = Dictionary(write.incoming.lazy.map { (context.keys.key($0), $0) }.filter { write.updateKeys.contains($0.0) },
                                 uniquingKeysWith: { _, b in b })
        var counts = (updated: Int64(0), deleted: Int64(0))
        var lost: Set<RecordRef> = []
        if let base = write.base {
            counts = try mergeOld(base, updates: updates, lost: &lost, into: writer, context)
        }
        var byBatch: [Int32: ContiguousArray<UInt32>] = [:]
        for ref in write.incoming where !lost.contains(ref) && !context.keys.deletes.contains(ref) {
            byBatch[ref.batch, default: []].append(UInt32(ref.row))
        }
        for (b, rows) in byBatch.sorted(by: { $0.key < $1.key }) {
            var batch = context.incoming[Int(b)]
            batch.selection = SelectionVector(rows)
            try writer.write(batch)
        }
        let size = try writer.close()
        let inserted = Int64(write.incoming.count - updates.count)
        return HoodieWriteStat(fileId: write.fileId, path: writer.path, prevCommit: write.base?.baseInstantTime,
                               partitionPath: write.partitionPath, numWrites: writer.rowCount, numDeletes: counts.deleted,
                               numInserts: inserted, numUpdateWrites: counts.updated, fileSizeInBytes: size,
                               prevBaseFile: write.base?.baseFile.fileName)
    }

    /// Copies the old slice's records that stay. An incoming update (or marked delete) replaces a record unless
    /// the record's precombine value is greater (a tie goes to the incoming record); a loser goes into `lost`.
    private func mergeOld(_ base: FileSlice, updates: [String: RecordRef], lost: inout Set<RecordRef>,
                          into writer: HoodieBaseFileWriter, _ context: HoodieWriteContext) throws -> (updated: Int64, deleted: Int64) {
        // The old file is decoded on a thread of its own while this one merges and encodes.
        let (table, schema) = (context.table, context.schema)
        let scan = BatchPrefetcher<Void>(depth: 4) { emit in
            var scan = HudiScan(table: table, fileSlices: [base], schema: schema, batchSize: Batch.capacity, commitTimeFilter: nil)
            while let batch = try scan.next() { try emit(batch) }
        }
        defer { scan.close() }
        var updated: Int64 = 0
        var deleted: Int64 = 0
        let touched = KeyPrefilter(write.deleteKeys.union(updates.keys))
        let fileNames = try StringVectorBuilder.repeating(writer.fileName, count: Batch.capacity)
        while var batch = try scan.next() {
            var kept = ContiguousArray<UInt32>()
            kept.reserveCapacity(batch.rowCount)
            let current = batch
            try StringColumn.forEachBytes(batch.columns[HoodieWriteContext.recordKeyColumn], rowCount: batch.rowCount,
                                          physicalRow: current.physicalRow, file: base.baseFile.key) { row, bytes in
                guard touched.mightContain(bytes) else {
                    kept.append(UInt32(row))
                    return
                }
                let key = String(decoding: bytes, as: UTF8.self)
                if write.deleteKeys.contains(key) {
                    deleted += 1
                    return
                }
                if let ref = updates[key] {
                    if let column = context.precombineColumn,
                       PrecombineOrder.compare(current.columns[column].value(at: row), context.incoming[Int(ref.batch)].columns[column].value(at: Int(ref.row))) > 0 {
                        lost.insert(ref)
                    } else if context.keys.deletes.contains(ref) {
                        deleted += 1
                        return
                    } else {
                        updated += 1
                        return
                    }
                }
                kept.append(UInt32(row))
            }
            // Every full batch shares one vector of the new file name.
            batch.columns[HoodieWriteContext.fileNameColumn] = try batch.count == fileNames.count ? fileNames
                : StringVectorBuilder.repeating(writer.fileName, count: batch.count)
            batch.selection = SelectionVector(kept)
            try writer.write(batch)
        }
        return (updated, deleted)
    }
}
