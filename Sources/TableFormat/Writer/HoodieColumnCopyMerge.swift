import Columnar
import Foundation
import Parquet

/// The copy-on-write rewrite of a file group that keeps every old record in its place (no deletes): each old
/// row group becomes a new one of the same rows, and a column whose updated rows keep their old values is
/// copied page for page (parquet-mr's `appendColumnChunk`, Hudi's binary copy), never
/// decoded nor encoded. Only the other columns - the file name, the commit time and sequence number of updated
/// rows, the data columns an update changed - are read, patched and encoded again. Inserts follow in a row
/// group of their own, except that a last old row group under an eighth of `rowGroupRows` is encoded whole
/// with them, so repeated upserts do not pile up small row groups. The rows, their order and the key filter
/// are those of the row-by-row merge.
struct HoodieColumnCopyMerge: Sendable {
    let write: FileGroupWrite
    let context: HoodieWriteContext
    /// Incoming updates by record key.
    let updates: [String: RecordRef]
    let old: OldBaseFile
    /// The new base file's name, the value of every row's `_hoodie_file_name`.
    let fileName: String

    /// Nil unless the write is of that kind (the writer continues the old file's key filter, which it does only
    /// when nothing is deleted) and the old file has the new file's exact Parquet schema (same
    /// physical types, so its pages are valid in the new file).
    init?(write: FileGroupWrite, context: HoodieWriteContext, updates: [String: RecordRef], old: OldBaseFile?,
          writer: HoodieBaseFileWriter) {
        guard let old, writer.continuedRowCount != nil, !context.parquetOptions.writePageIndex,
              old.metadata.schema == writer.schemaElements else { return nil }
        self.write = write
        self.context = context
        self.updates = updates
        self.old = old
        fileName = writer.fileName
    }

    /// Writes every old row group into `writer`; `state` learns the updates written, the rows kept and the
    /// inserts written with the last row group.
    func run(into writer: HoodieBaseFileWriter, state: inout HoodieWriteHandle.MergeState) throws {
        let reader = try ParquetFileReader(source: old.source, options: ParquetReadOptions())
        let inserts = insertBatches()
        for group in 0..<reader.rowGroupCount {
            let rowCount = Int(reader.metadata.rowGroups[group].numRows)
            guard rowCount > 0 else { continue }
            let (updated, lost) = try updatedRows(reader, rowGroup: group)
            state.lost.formUnion(lost)
            let absorbs = group == reader.rowGroupCount - 1 && !inserts.refs.isEmpty
                && rowCount < context.parquetOptions.rowGroupRows / 8
            let candidates = context.schema.fields.indices.filter { $0 != HoodieWriteContext.fileNameColumn }
            let changed = absorbs ? candidates : try changedColumns(candidates, reader, rowGroup: group, updated: updated)
            let encoded = (changed + [HoodieWriteContext.fileNameColumn]).sorted()
            let appended = absorbs ? inserts.batches : []
            let fresh = try encode(encoded, reader, rowGroup: group, rowCount: rowCount, updated: updated, appending: appended)
            var chunks: [ColumnChunkCopy] = []
            for c in context.schema.fields.indices {
                chunks.append(try encoded.firstIndex(of: c).map { fresh[$0] } ?? copy(reader, rowGroup: group, column: c))
            }
            for batch in appended { try writer.addRecordKeys(batch) }
            try writer.appendRowGroup(rowCount: rowCount + (absorbs ? inserts.refs.count : 0), chunks: chunks)
            state.oldRowsWritten += rowCount
            state.updated += Int64(updated.count)
            for (_, ref) in updated { state.writtenInPlace.insert(ref) }
            if absorbs { state.writtenInPlace.formUnion(inserts.refs) }
        }
    }

    /// The incoming rows that update no old record, batch by batch in row order (as the row-by-row merge
    /// appends them).
    private func insertBatches() -> (batches: [Batch], refs: [RecordRef]) {
        var byBatch: [Int32: ContiguousArray<UInt32>] = [:]
        var refs: [RecordRef] = []
        for ref in write.incoming where updates[context.keys.key(ref)] == nil {
            byBatch[ref.batch, default: []].append(UInt32(ref.row))
            refs.append(ref)
        }
        let batches = byBatch.sorted { $0.key < $1.key }.map { b, rows in
            var batch = context.incoming[Int(b)]
            batch.selection = SelectionVector(rows)
            return batch
        }
        return (batches, refs)
    }

    /// The rows of the row group that an incoming record updates, in row order, with that record; and the
    /// incoming records that lose to their old one (a greater precombine value; a tie goes to the incoming).
    private func updatedRows(_ file: ParquetFileReader, rowGroup: Int) throws -> (updated: [(row: Int, ref: RecordRef)], lost: [RecordRef]) {
        let touched = KeyPrefilter(updates.keys)
        var found: [(row: Int, ref: RecordRef)] = []
        var lost: [RecordRef] = []
        var start = 0
        let precombine = context.precombineColumn
        var batches = try column([HoodieWriteContext.recordKeyColumn] + (precombine.map { [$0] } ?? []), of: file, rowGroup: rowGroup)
        while let batch = try batches.next() {
            try StringColumn.forEachBytes(batch.columns[0], rowCount: batch.count, physicalRow: { $0 },
                                          file: old.key) { row, bytes in
                guard touched.mightContain(bytes), let ref = updates[String(decoding: bytes, as: UTF8.self)] else { return }
                if let precombine, PrecombineOrder.compare(batch.columns[1].value(at: row),
                                                           context.incoming[Int(ref.batch)].columns[precombine].value(at: Int(ref.row))) > 0 {
                    lost.append(ref)
                } else {
                    found.append((start + row, ref))
                }
            }
            start += batch.count
        }
        return (found, lost)
    }

    /// The columns among `columns` that `mustEncode`, each checked by its own reader, a core each.
    private func changedColumns(_ columns: [Int], _ file: ParquetFileReader, rowGroup: Int,
                                updated: [(row: Int, ref: RecordRef)]) throws -> [Int] {
        let merge = self
        let width = ProcessInfo.processInfo.activeProcessorCount
        let flags = try BoundedParallelism.map(columns, width: width) { c in
            try merge.mustEncode(column: c, file, rowGroup: rowGroup, updated: updated)
        }
        return zip(columns, flags).filter(\.1).map(\.0)
    }

    /// Whether column `c` of the row group is encoded again: an updated row changes its value, or its old chunk
    /// is in another codec than this write's. The record key column never changes (updates matched on it).
    private func mustEncode(column c: Int, _ file: ParquetFileReader, rowGroup: Int,
                            updated: [(row: Int, ref: RecordRef)]) throws -> Bool {
        guard let meta = file.metadata.rowGroups[rowGroup].columns[c].metaData else {
            throw TableFormatError(.invalidMetadata, "base file '\(old.key)': row group \(rowGroup) column \(c) has no meta_data")
        }
        if meta.codec != context.parquetOptions.codec { return true }
        guard c != HoodieWriteContext.recordKeyColumn, !updated.isEmpty else { return false }
        // Only the updated rows' old values are read (a sparse read of the chunk), not the whole column.
        guard let field = file.schema.index(of: context.schema.fields[c].name), file.isFlatPrimitive(field: field) else {
            return try changesDecoded(column: c, file, rowGroup: rowGroup, updated: updated)
        }
        // A changed column usually differs at its first updated row: the first few rows are checked alone, so
        // such a column's later pages are not decompressed.
        for part in [updated.prefix(8), updated.dropFirst(8)] where !part.isEmpty {
            let oldValues: Vector
            do {
                oldValues = try file.values(ofField: field, rowGroup: rowGroup, rows: part.map(\.row))
            } catch let error as ParquetError {
                throw TableFormatError(.invalidMetadata, "base file '\(old.key)': \(error.message)")
            }
            for (i, (_, ref)) in part.enumerated() {
                let incoming = context.incoming[Int(ref.batch)].columns[c].value(at: Int(ref.row))
                if !HoodieColumnCopyMerge.sameBytes(oldValues.value(at: i), incoming) { return true }
            }
        }
        return false
    }

    /// `mustEncode` for a nested column: the whole column decoded, batch by batch, and the updated rows compared.
    private func changesDecoded(column c: Int, _ file: ParquetFileReader, rowGroup: Int,
                                updated: [(row: Int, ref: RecordRef)]) throws -> Bool {
        var batches = try column([c], of: file, rowGroup: rowGroup)
        var start = 0
        var next = 0
        while next < updated.count, let batch = try batches.next() {
            while next < updated.count, updated[next].row < start + batch.count {
                let (row, ref) = updated[next]
                let incoming = context.incoming[Int(ref.batch)].columns[c].value(at: Int(ref.row))
                if !HoodieColumnCopyMerge.sameBytes(batch.columns[0].value(at: row - start), incoming) { return true }
                next += 1
            }
            start += batch.count
        }
        return false
    }

    /// Value equality that a reader of the bytes would see: strings by their UTF-8 bytes (Swift's `==` equates
    /// canonically equivalent ones), floats by their bits (0.0 and -0.0 differ).
    static func sameBytes(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x.utf8.elementsEqual(y.utf8)
        case (.float(let x), .float(let y)): x.bitPattern == y.bitPattern
        default: a == b
        }
    }

    /// Columns `columns` (ascending) of the row group with the updates patched in and the new file name, then
    /// the rows of `appending` (batches of every column), encoded as one row group of a file of their own; its
    /// chunks, in `columns` order.
    private func encode(_ columns: [Int], _ file: ParquetFileReader, rowGroup: Int, rowCount: Int,
                        updated: [(row: Int, ref: RecordRef)], appending: [Batch]) throws -> [ColumnChunkCopy] {
        var options = context.parquetOptions
        options.keyValueMetadata = []
        options.rowGroupRows = appending.reduce(rowCount) { $0 + $1.rowCount }
        options.rowGroupBytes = Int.max
        let schema = Schema(columns.map { context.schema.fields[$0] })
        let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
        let read = columns.filter { $0 != HoodieWriteContext.fileNameColumn }
        let fileNames = try StringVectorBuilder.repeating(fileName, count: Batch.capacity)
        var start = 0
        var next = 0
        // The old columns are decoded on a thread of their own while this one patches and encodes.
        let merge = self
        let batches = read.isEmpty ? nil : BatchPrefetcher<Void>(depth: 4) { emit in
            var batches = try merge.column(read, of: file, rowGroup: rowGroup)
            while let batch = try batches.next() { try emit(batch) }
        }
        defer { batches?.close() }
        while start < rowCount {
            let batch = try batches?.next()
            let count = batch?.count ?? min(Batch.capacity, rowCount - start)
            guard count > 0 else { throw truncated(rowGroup, rowCount: rowCount, read: start) }
            var patched: [Vector] = []
            let first = next
            while next < updated.count, updated[next].row < start + count { next += 1 }
            for (i, c) in read.enumerated() {
                patched.append(try patch(batch?.columns[i], column: c, updates: updated[first..<next], start: start, count: count))
            }
            let names = count == fileNames.count ? fileNames : try StringVectorBuilder.repeating(fileName, count: count)
            patched.insert(names, at: columns.firstIndex(of: HoodieWriteContext.fileNameColumn) ?? 0)
            try writer.write(columns: patched)
            start += count
        }
        for batch in appending { try writer.write(batch) }
        let meta = try writer.close()
        guard let sink = writer.sink as? MemorySink, meta.rowGroups.count == 1 else {
            throw TableFormatError(.io, "base file '\(old.key)': re-encoding row group \(rowGroup) gave \(meta.rowGroups.count) row groups")
        }
        return try ColumnChunkCopy.chunks(of: sink.bytes, metadata: meta, rowGroup: 0)
    }

    /// The old column's `count` rows with the updated rows' incoming values in their place.
    private func patch(_ vector: Vector?, column c: Int, updates: ArraySlice<(row: Int, ref: RecordRef)>, start: Int,
                       count: Int) throws -> Vector {
        guard let vector, vector.count >= count else {
            throw TableFormatError(.invalidMetadata, "base file '\(old.key)': column \(context.schema.fields[c].name) came back short")
        }
        guard !updates.isEmpty else { return vector }
        var rows = ContiguousArray((0..<UInt32(count)))
        var patches: [(vector: Vector, row: Int)] = []
        for (row, ref) in updates {
            rows[row - start] = UInt32(count + patches.count)
            patches.append((context.incoming[Int(ref.batch)].columns[c], Int(ref.row)))
        }
        return try vector.gathering(rows, patches: patches)
    }

    /// The old chunk of column `c`, read as it is.
    private func copy(_ file: ParquetFileReader, rowGroup: Int, column c: Int) throws -> ColumnChunkCopy {
        guard let meta = file.metadata.rowGroups[rowGroup].columns[c].metaData else {
            throw TableFormatError(.invalidMetadata, "base file '\(old.key)': row group \(rowGroup) column \(c) has no meta_data")
        }
        let range = try ColumnChunkCopy.range(of: meta, fileSize: old.source.size)
        return ColumnChunkCopy(pages: try old.source.read(offset: range.lowerBound, count: range.count), metaData: meta)
    }

    /// Batches of row group `rowGroup` of the old file, holding only `columns`.
    private func column(_ columns: [Int], of file: ParquetFileReader, rowGroup: Int) throws -> ParquetBatchIterator {
        var options = ParquetReadOptions()
        options.columns = columns.map { context.schema.fields[$0].name }
        return try ParquetFileReader(source: old.source, options: options).makeBatchIterator(rowGroups: [rowGroup])
    }

    private func truncated(_ rowGroup: Int, rowCount: Int, read: Int) -> TableFormatError {
        TableFormatError(.invalidMetadata, "base file '\(old.key)': row group \(rowGroup) counts \(rowCount) rows, its columns hold \(read)")
    }
}

/// The base file a rewrite replaces: its key and a source over it that holds its footer.
struct OldBaseFile: Sendable {
    let key: String
    let source: BaseFileFooterSource

    var metadata: FileMetaData { source.metadata }
}
