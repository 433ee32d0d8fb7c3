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
        let inPlace = context.schema.fields.allSatisfy { Vector.canGather($0.type) }
        let oldKeys = try inPlace ? continuedKeys(context) : nil
        let writer = try HoodieBaseFileWriter(store: table.store, basePath: table.basePath, partitionPath: write.partitionPath,
                                              fileId: write.fileId, writeToken: writeToken, instantTime: context.instantTime,
                                              schema: context.schema, bloomFilter: context.bloomFilter, footer: context.footer,
                                              options: context.parquetOptions, continuing: oldKeys)
        opened(writer.key)
        do {
            return try run(context, writer: writer, inPlace: inPlace, old: oldKeys?.file)
        } catch {
            writer.abort()
            throw error
        }
    }

    /// The footer entries of the old base file, continued, when the rewrite keeps every old record in its place
    /// (no deletes in this file group) and that file's filter is what this write's settings build from its
    /// rows: the old rows' keys are then not hashed again (Hudi adds them in the same order, so the bytes are
    /// those of a filter built from every row). Nil otherwise: every key is added.
    private func continuedKeys(_ context: HoodieWriteContext) throws -> OldBaseFileKeys? {
        guard let base = write.base, write.deleteKeys.isEmpty,
              !write.incoming.contains(where: { context.keys.deletes.contains($0) }) else { return nil }
        let source = try BaseFileFooterSource(store: context.table.store, key: base.baseFile.key, size: base.baseFile.size)
        let footer = source.metadata
        guard let rows = Int(exactly: footer.numRows),
              let support = try HoodieBloomFilterWriteSupport(config: context.bloomFilter, continuing: footer.keyValueMetadata ?? [],
                                                              keyCount: rows, file: base.baseFile.key) else { return nil }
        return OldBaseFileKeys(support: support, rowCount: rows, file: OldBaseFile(key: base.baseFile.key, source: source))
    }

    private func run(_ context: HoodieWriteContext, writer: HoodieBaseFileWriter, inPlace: Bool,
                     old: OldBaseFile?) throws -> HoodieWriteStat {
        let updates = Dictionary(write.incoming.lazy.map { (context.keys.key($0), $0) }.filter { write.updateKeys.contains($0.0) },
                                 uniquingKeysWith: { _, b in b })
        var merge = MergeState()
        if let base = write.base {
            if let copying = HoodieColumnCopyMerge(write: write, context: context, updates: updates, old: old, writer: writer) {
                try copying.run(into: writer, state: &merge)
            } else {
                try mergeOld(base, updates: updates, state: &merge, inPlace: inPlace, into: writer, context)
            }
            if let expected = writer.continuedRowCount, expected != merge.oldRowsWritten {
                throw TableFormatError(.invalidMetadata, "base file '\(base.baseFile.key)': its footer counts \(expected) rows, the rewrite read \(merge.oldRowsWritten)")
            }
        }
        var byBatch: [Int32: ContiguousArray<UInt32>] = [:]
        for ref in write.incoming where !merge.lost.contains(ref) && !merge.writtenInPlace.contains(ref) && !context.keys.deletes.contains(ref) {
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
                               partitionPath: write.partitionPath, numWrites: writer.rowCount, numDeletes: merge.deleted,
                               numInserts: inserted, numUpdateWrites: merge.updated, fileSizeInBytes: size,
                               prevBaseFile: write.base?.baseFile.fileName)
    }

    /// What merging the old records found: counts, incoming records that lost to the old one (precombine) or
    /// were written in the old one's place, and old rows written.
    struct MergeState {
        var updated: Int64 = 0
        var deleted: Int64 = 0
        var lost: Set<RecordRef> = []
        var writtenInPlace: Set<RecordRef> = []
        var oldRowsWritten = 0
    }

    /// Copies the old slice's records that stay. An incoming update (or marked delete) replaces a record unless
    /// the record's precombine value is greater (a tie goes to the incoming record); a loser goes into `lost`.
    /// `inPlace` (flat columns only) writes an update where its old record was, as Hudi's merge handle does;
    /// otherwise updates follow the old records.
    private func mergeOld(_ base: FileSlice, updates: [String: RecordRef], state: inout MergeState, inPlace: Bool,
                          into writer: HoodieBaseFileWriter, _ context: HoodieWriteContext) throws {
        // The old file is decoded on a thread of its own while this one merges and encodes.
        let (table, schema) = (context.table, context.schema)
        let scan = BatchPrefetcher<Void>(depth: 4) { emit in
            var scan = HudiScan(table: table, fileSlices: [base], schema: schema, batchSize: Batch.capacity, commitTimeFilter: nil)
            while let batch = try scan.next() { try emit(batch) }
        }
        defer { scan.close() }
        let touched = KeyPrefilter(write.deleteKeys.union(updates.keys))
        let fileNames = try StringVectorBuilder.repeating(writer.fileName, count: Batch.capacity)
        let addingKeys = writer.continuedRowCount == nil
        while var batch = try scan.next() {
            var kept = ContiguousArray<UInt32>()
            kept.reserveCapacity(batch.rowCount)
            var replaced: [(slot: Int, ref: RecordRef)] = []
            let current = batch
            try StringColumn.forEachBytes(batch.columns[HoodieWriteContext.recordKeyColumn], rowCount: batch.rowCount,
                                          physicalRow: current.physicalRow, file: base.baseFile.key) { row, bytes in
                guard touched.mightContain(bytes) else {
                    kept.append(UInt32(row))
                    return
                }
                let key = String(decoding: bytes, as: UTF8.self)
                if write.deleteKeys.contains(key) {
                    state.deleted += 1
                    return
                }
                if let ref = updates[key] {
                    if let column = context.precombineColumn,
                       PrecombineOrder.compare(current.columns[column].value(at: row), context.incoming[Int(ref.batch)].columns[column].value(at: Int(ref.row))) > 0 {
                        state.lost.insert(ref)
                    } else if context.keys.deletes.contains(ref) {
                        state.deleted += 1
                        return
                    } else {
                        state.updated += 1
                        guard inPlace else { return }
                        replaced.append((kept.count, ref))
                        state.writtenInPlace.insert(ref)
                        kept.append(UInt32(row))
                        return
                    }
                }
                kept.append(UInt32(row))
            }
            state.oldRowsWritten += kept.count
            if replaced.isEmpty {
                batch.selection = SelectionVector(kept)
            } else {
                batch = try merged(batch, kept: kept, replaced: replaced, context)
            }
            // Every full batch shares one vector of the new file name.
            batch.columns[HoodieWriteContext.fileNameColumn] = try batch.count == fileNames.count ? fileNames
                : StringVectorBuilder.repeating(writer.fileName, count: batch.count)
            try writer.write(batch, addingKeys: addingKeys)
        }
    }

    /// The batch's kept rows with each update in its old record's place, gathered into new vectors (one copy,
    /// which the file writer then takes as it is). The file name column is left to the caller.
    private func merged(_ batch: Batch, kept: ContiguousArray<UInt32>, replaced: [(slot: Int, ref: RecordRef)],
                        _ context: HoodieWriteContext) throws -> Batch {
        var rows = kept
        for (i, update) in replaced.enumerated() { rows[update.slot] = UInt32(batch.count + i) }
        var columns = batch.columns
        for c in columns.indices where c != HoodieWriteContext.fileNameColumn {
            let patches = replaced.map { (vector: context.incoming[Int($0.ref.batch)].columns[c], row: Int($0.ref.row)) }
            columns[c] = try batch.columns[c].gathering(rows, patches: patches)
        }
        return Batch(schema: batch.schema, columns: columns, count: rows.count)
    }
}

/// An old base file's footer filter and key range, continued by the rewrite that keeps its rows in place.
struct OldBaseFileKeys {
    let support: HoodieBloomFilterWriteSupport
    let rowCount: Int
    let file: OldBaseFile
}
