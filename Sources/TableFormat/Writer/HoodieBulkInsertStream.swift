import Columnar
import Foundation
import Parquet

/// Bulk insert as a stream: incoming batches are routed to their partitions as they arrive, and a partition's
/// rows become a new file group as soon as they reach the target file size, so memory holds about one file
/// group's rows per busy partition (at most `2 × recordsPerFile` rows in all), never the whole input.
/// A partition's rows are buffered until they make a whole file group, so files come out near the target size;
/// an unpartitioned table's rows go straight into its one open file group instead (the same files, without
/// holding their rows).
final class HoodieBulkInsertStream {
    private struct Incoming {
        var batch: Batch
        /// Full-length meta columns that do not depend on the file: commit time, record key, partition path.
        var commitTime: Vector
        var recordKeys: Vector
        var partitionPaths: Vector
    }

    private struct Chunk {
        var batch: Int
        var rows: ContiguousArray<UInt32>
    }

    /// A file group being written: its rows so far number its next sequence number.
    private struct OpenFile {
        let writer: HoodieBaseFileWriter
        let fileId: String
        let partition: String
        let task: Int
        var rows = 0
    }

    private let target: HoodieBulkInsertTarget
    private let keyGenerator: HoodieKeyGenerator
    private let options: HudiWriteOptions
    private let schema: Schema
    private let dataSchema: Schema
    private var incoming: [Int: Incoming] = [:]
    private var nextBatch = 0
    private var pending: [String: (chunks: [Chunk], count: Int)] = [:]
    private var buffered = 0
    private var recordsPerFile: Int?
    private var checkedSchema: Schema?
    /// File groups opened so far (their task numbers come from the target).
    private var files = 0
    /// The unpartitioned table's file group being filled.
    private var open: OpenFile?
    private(set) var stats: [String: [HoodieWriteStat]] = [:]

    init(target: HoodieBulkInsertTarget, keyGenerator: HoodieKeyGenerator, options: HudiWriteOptions) {
        self.target = target
        self.keyGenerator = keyGenerator
        self.options = options
        dataSchema = target.dataSchema
        schema = Schema(HudiTable.metaFields.map { Field($0, .string) } + dataSchema.fields)
    }

    /// Routes one batch; flushes partitions that reached a file group's worth of rows.
    func add(_ batch: Batch) throws {
        // Every batch of a stream usually has the same schema: checked once, then compared.
        if batch.schema != checkedSchema {
            try HoodieIncomingRecords.check(batch.schema, against: dataSchema)
            checkedSchema = batch.schema
        }
        guard batch.rowCount > 0 else { return }
        let perFile = try recordsPerFile ?? estimateRecordsPerFile(batch)
        recordsPerFile = perFile
        let keys = try keyGenerator.recordKeyVector(batch)
        let (paths, byPartition) = try partitions(batch)
        let b = nextBatch
        nextBatch += 1
        incoming[b] = Incoming(batch: batch,
                               commitTime: try HoodieBulkInsertStream.repeating(target.instantTime, count: batch.count),
                               recordKeys: keys, partitionPaths: paths)
        for (partition, rows) in byPartition {
            pending[partition, default: ([], 0)].chunks.append(Chunk(batch: b, rows: rows))
            pending[partition, default: ([], 0)].count += rows.count
            buffered += rows.count
        }
        if isUnpartitioned {
            try writeThrough(limit: perFile)
            return try target.heartbeat.beatIfDue()
        }
        // Only once every partition holds its chunk: a flush releases batches no buffer refers to.
        for partition in byPartition.keys.sorted() {
            while (pending[partition]?.count ?? 0) >= perFile { try flush(partition, limit: perFile) }
        }
        // Many partitions each under a file's worth: free memory by writing the fullest.
        while buffered > 2 * perFile, let fullest = pending.max(by: { $0.value.count < $1.value.count })?.key {
            try flush(fullest, limit: perFile)
        }
        try target.heartbeat.beatIfDue()
    }

    /// Writes what is left, one file group per partition (the caller writes the partition metadata).
    func finish() throws {
        if let file = open {
            open = nil
            try close(file)
        }
        for partition in pending.keys.sorted() {
            while pending[partition] != nil { try flush(partition, limit: recordsPerFile ?? Int.max) }
        }
    }

    private func estimateRecordsPerFile(_ first: Batch) throws -> Int {
        let bytes = options.recordSizeEstimate ?? target.recordSizeFromCommits ?? HoodieWriteTransaction.inMemorySize([first])
        return max(1, Int(options.targetFileSize / max(1, bytes)))
    }

    /// Removes up to `limit` of the partition's buffered rows, oldest first, splitting a chunk if needed.
    private func take(_ partition: String, limit: Int) -> (chunks: [Chunk], count: Int) {
        guard var buffer = pending.removeValue(forKey: partition) else { return ([], 0) }
        var taken: [Chunk] = []
        var count = 0
        while count < limit, !buffer.chunks.isEmpty {
            var chunk = buffer.chunks.removeFirst()
            if count + chunk.rows.count > limit {
                let split = limit - count
                buffer.chunks.insert(Chunk(batch: chunk.batch, rows: ContiguousArray(chunk.rows[split...])), at: 0)
                chunk.rows = ContiguousArray(chunk.rows[..<split])
            }
            count += chunk.rows.count
            taken.append(chunk)
        }
        buffer.count -= count
        if buffer.count > 0 { pending[partition] = buffer }
        buffered -= count
        return (taken, count)
    }

    /// Stops writing: the open file group, if any, is abandoned (the transaction deletes what was opened).
    func abort() {
        open?.writer.abort()
        open = nil
    }

    private var isUnpartitioned: Bool { keyGenerator.kind == .nonPartitioned || keyGenerator.partitionFields.isEmpty }

    /// Appends the buffered rows to the open file group, closing it at `limit` rows and opening the next.
    private func writeThrough(limit: Int) throws {
        while (pending[""]?.count ?? 0) > 0 {
            var file = try open ?? openFile("")
            open = nil
            let (chunks, _) = take("", limit: limit - file.rows)
            do {
                try append(chunks, to: &file)
            } catch {
                file.writer.abort()
                throw error
            }
            release(chunks)
            if file.rows >= limit { try close(file) } else { open = file }
        }
    }

    /// One new file group of up to `limit` of the partition's buffered rows, in arrival order.
    private func flush(_ partition: String, limit: Int) throws {
        let (chunks, count) = take(partition, limit: limit)
        guard count > 0 else { return }
        var file = try openFile(partition)
        do {
            try append(chunks, to: &file)
        } catch {
            file.writer.abort()
            throw error
        }
        try close(file)
        release(chunks)
    }

    private func openFile(_ partition: String) throws -> OpenFile {
        let task = target.task(files)
        files += 1
        let fileId = UUID().uuidString.lowercased() + "-0"
        let footer = [KeyValue(key: "parquet.avro.schema", value: try schema.avroSchemaJSON(tableName: target.table.config.name)),
                      KeyValue(key: "writer.model.name", value: "avro")]
        let writer = try HoodieBaseFileWriter(store: target.table.store, basePath: target.table.basePath,
                                              partitionPath: partition, fileId: fileId, writeToken: "\(task)-0-\(task)",
                                              instantTime: target.instantTime, schema: schema, bloomFilter: options.bloomIndex,
                                              footer: footer, options: options.parquet)
        target.opened.add(writer.key)
        return OpenFile(writer: writer, fileId: fileId, partition: partition, task: task)
    }

    /// Publishes the file group and records its write stat (a failed close aborts its upload).
    private func close(_ file: OpenFile) throws {
        let size = try file.writer.close()
        let rows = file.writer.rowCount
        stats[file.partition, default: []].append(HoodieWriteStat(fileId: file.fileId, path: file.writer.path, prevCommit: nil,
                                                                  partitionPath: file.partition, numWrites: rows, numDeletes: 0,
                                                                  numInserts: rows, numUpdateWrites: 0, fileSizeInBytes: size, prevBaseFile: nil))
    }

    /// The chunks' rows with their meta columns, in order, numbered on from the file's rows so far.
    private func append(_ chunks: [Chunk], to file: inout OpenFile) throws {
        let prefix = "\(target.instantTime)_\(file.task)_"
        for chunk in chunks {
            let source = try self.source(chunk.batch)
            let seqnos = try HoodieBulkInsertStream.sequenceNumbers(prefix: prefix, rows: chunk.rows, count: source.batch.count, first: file.rows)
            file.rows += chunk.rows.count
            let meta = [source.commitTime, seqnos, source.recordKeys, source.partitionPaths,
                        try HoodieBulkInsertStream.repeating(file.writer.fileName, count: source.batch.count)]
            // A chunk of every row in order needs no selection: the writer then takes the vectors' buffers as
            // they are instead of gathering each value.
            let whole = chunk.rows.count == source.batch.count && chunk.rows.indices.allSatisfy { chunk.rows[$0] == UInt32($0) }
            try file.writer.write(Batch(schema: schema, columns: meta + source.batch.columns, count: source.batch.count,
                                        selection: whole ? nil : SelectionVector(chunk.rows)))
        }
    }

    private func source(_ batch: Int) throws -> Incoming {
        guard let source = incoming[batch] else {
            throw TableFormatError(.invalidArgument, "bulk insert lost incoming batch \(batch) before writing it")
        }
        return source
    }

    /// Drops incoming batches no partition buffer refers to any more.
    private func release(_ chunks: [Chunk]) {
        let stillUsed = Set(pending.values.flatMap { $0.chunks.map(\.batch) })
        for chunk in chunks where !stillUsed.contains(chunk.batch) { incoming[chunk.batch] = nil }
    }

    /// The partition path column and the batch's live rows by partition path; an unpartitioned table's one
    /// partition without a path per row.
    private func partitions(_ batch: Batch) throws -> (Vector, [String: ContiguousArray<UInt32>]) {
        if keyGenerator.kind == .nonPartitioned || keyGenerator.partitionFields.isEmpty {
            let rows = ContiguousArray((0..<batch.rowCount).lazy.map { UInt32(batch.physicalRow($0)) })
            return (try HoodieBulkInsertStream.repeating("", count: batch.count), ["": rows])
        }
        let paths = try keyGenerator.partitionPaths(batch)
        return (try HoodieBulkInsertStream.vector(paths), HoodieBulkInsertStream.rowsByPartition(batch, paths: paths))
    }

    /// The batch's live rows by partition path; one partition without hashing each row.
    private static func rowsByPartition(_ batch: Batch, paths: [String]) -> [String: ContiguousArray<UInt32>] {
        if let first = paths.first, paths.allSatisfy({ $0 == first }) {
            return [first: ContiguousArray((0..<batch.rowCount).map { UInt32(batch.physicalRow($0)) })]
        }
        var byPartition: [String: ContiguousArray<UInt32>] = [:]
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            byPartition[paths[row], default: []].append(UInt32(row))
        }
        return byPartition
    }

    static func vector(_ values: [String]) throws -> Vector {
        var builder = StringVectorBuilder(capacity: values.count, bytesPerValue: 24)
        for value in values { try builder.append(value) }
        return builder.build()
    }
}
