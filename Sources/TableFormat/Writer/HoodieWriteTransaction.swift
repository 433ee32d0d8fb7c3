import Columnar
import Foundation
import Parquet
import Storage
import Synchronization

/// The files of one pending instant: writes them, and on failure deletes them and the instant's timeline files.
final class HoodieWriteTransaction {
    let table: HudiTable
    let timeline: HoodieTimelineWriter
    var instant: HoodieInstant
    let heartbeat: HoodieHeartbeat
    private lazy var heartbeatTimer = HoodieHeartbeatTimer(heartbeat: heartbeat, instantTime: instant.requestedTime)
    /// Object keys of the base files the write handles and bulk insert streams opened, from whichever thread
    /// ran them, for abort (a handle or stream that fails aborts its own open file; the others are published).
    private let handleFiles = OpenedBaseFiles()

    /// The data schema of every base file written (the table's, or the write's evolved schema).
    let dataSchema: Schema
    /// `dataSchema` as Avro JSON, recorded in the commit's `extraMetadata.schema`.
    let avroSchema: String

    init(table: HudiTable, dataSchema: Schema, avroSchema: String, timeline: HoodieTimelineWriter, instant: HoodieInstant,
         heartbeat: HoodieHeartbeat) {
        self.table = table
        self.dataSchema = dataSchema
        self.avroSchema = avroSchema
        self.timeline = timeline
        self.instant = instant
        self.heartbeat = heartbeat
    }

    /// Plans and writes every file group, then the partition metadata. Returns the commit metadata to complete
    /// with and the existing file groups the write rewrote or replaced (what a concurrent write may conflict on).
    func writeFiles(_ records: HoodieIncomingRecords, operation: WriteOperationType,
                    options: HudiWriteOptions) throws -> (HoodieCommitMetadata, Set<HoodieFileGroup.ID>) {
        let slices = Dictionary(grouping: try table.latestFileSlices(), by: \.partitionPath)
        let bytesPerRecord = try options.recordSizeEstimate ?? recordSizeFromCommits() ?? HoodieWriteTransaction.inMemorySize(records)
        let statics = try options.staticPartitions.map { try HoodieKeyGenerator(config: table.config).partitionPaths($0) } ?? []
        let plan = try HoodieWritePlan(records: records, operation: operation, slices: slices, staticPartitions: Set(statics),
                                       index: options.index ?? HoodieBloomIndex(store: table.store, config: options.bloomIndex),
                                       targetFileSize: options.targetFileSize, bytesPerRecord: bytesPerRecord)
        let handles = plan.writes.enumerated().map { task, write in
            let token = "\(task)-0-\(task)"
            return HoodieWriteHandle(write: write, fileName: "\(write.fileId)_\(token)_\(instant.requestedTime).parquet", writeToken: token)
        }
        let context = try makeContext(records, handles: handles, keysOnly: operation == .delete, options: options)
        var stats: [String: [HoodieWriteStat]] = [:]
        for stat in try run(handles, context: context, width: options.fileGroupParallelism) {
            stats[stat.partitionPath, default: []].append(stat)
        }
        for partition in Set(plan.writes.map(\.partitionPath)).sorted() { try writePartitionMetadata(partition) }
        var touched = Set(plan.writes.filter { $0.base != nil }.map { HoodieFileGroup.ID(partitionPath: $0.partitionPath, fileId: $0.fileId) })
        for (partition, ids) in plan.replacedFileIds { touched.formUnion(ids.map { HoodieFileGroup.ID(partitionPath: partition, fileId: $0) }) }
        let metadata = HoodieCommitMetadata(partitionToWriteStats: stats, partitionToReplaceFileIds: plan.replacedFileIds,
                                            extraMetadata: extraMetadata(options), operationType: operation.rawValue)
        return (metadata, touched)
    }

    /// Runs the handles `width` at a time, each on a thread of its own owning its reader and writer, the context
    /// shared read-only; stats come back in handle order. The heartbeat is refreshed between waves.
    private func run(_ handles: [HoodieWriteHandle], context: HoodieWriteContext, width: Int) throws -> [HoodieWriteStat] {
        let files = handleFiles
        var stats: [HoodieWriteStat] = []
        var next = 0
        while next < handles.count {
            let wave = Array(handles[next..<min(handles.count, next + max(1, width))])
            stats += try BoundedParallelism.map(wave, width: width) { handle in
                try handle.run(context) { files.add($0) }
            }
            next += wave.count
            try beatIfDue()
        }
        return stats
    }

    /// The caller's entries and the written schema, which no caller overrides.
    func extraMetadata(_ options: HudiWriteOptions) -> [String: String] {
        options.extraMetadata.merging(["schema": avroSchema]) { _, own in own }
    }

    /// Refreshes the heartbeat every 30 s (Java beats every 60 s; readers presume a writer dead after 120 s).
    func beatIfDue() throws { try heartbeatTimer.beatIfDue() }

    /// What the bulk insert stream `worker` of `workers` writes into.
    func bulkInsertTarget(worker: Int = 0, of workers: Int = 1) throws -> HoodieBulkInsertTarget {
        HoodieBulkInsertTarget(table: table, instantTime: instant.requestedTime, dataSchema: dataSchema, opened: handleFiles,
                               recordSizeFromCommits: try recordSizeFromCommits(), heartbeat: heartbeatTimer,
                               firstTask: worker, taskStride: workers)
    }

    /// Bulk insert from a stream (see `HoodieBulkInsertStream`).
    func streamBulkInsert(next: () throws -> Batch?, keyGenerator: HoodieKeyGenerator,
                          options: HudiWriteOptions) throws -> (HoodieCommitMetadata, Set<HoodieFileGroup.ID>) {
        let stream = HoodieBulkInsertStream(target: try bulkInsertTarget(), keyGenerator: keyGenerator, options: options)
        do {
            while let batch = try next() { try stream.add(batch) }
            try stream.finish()
        } catch {
            stream.abort()
            throw error
        }
        return (try bulkInsertMetadata([stream.stats], options: options), [])
    }

    /// The commit metadata of bulk insert streams' files, after their partitions' metadata files.
    func bulkInsertMetadata(_ streams: [[String: [HoodieWriteStat]]], options: HudiWriteOptions) throws -> HoodieCommitMetadata {
        var stats: [String: [HoodieWriteStat]] = [:]
        for stream in streams { stats.merge(stream) { $0 + $1 } }
        for partition in stats.keys.sorted() { try writePartitionMetadata(partition) }
        return HoodieCommitMetadata(partitionToWriteStats: stats, extraMetadata: extraMetadata(options),
                                    operationType: WriteOperationType.bulkInsert.rawValue)
    }

    /// Deletes what this instant wrote: base files (published or in flight), then its pending timeline files.
    func abort() {
        for key in handleFiles.keys { try? table.store.delete(key) }
        try? timeline.deletePending(instant)
    }

    /// The incoming batches with their meta columns, and what every handle shares.
    private func makeContext(_ records: HoodieIncomingRecords, handles: [HoodieWriteHandle], keysOnly: Bool,
                             options: HudiWriteOptions) throws -> HoodieWriteContext {
        let data = dataSchema
        let schema = Schema(HudiTable.metaFields.map { Field($0, .string) } + data.fields)
        var seqnos = records.batches.map { [String](repeating: "", count: $0.count) }
        var fileNames = seqnos
        for (task, handle) in handles.enumerated() {
            for (seq, ref) in handle.write.incoming.enumerated() {
                seqnos[Int(ref.batch)][Int(ref.row)] = "\(instant.requestedTime)_\(task)_\(seq)"
                fileNames[Int(ref.batch)][Int(ref.row)] = handle.fileName
            }
        }
        var incoming: [Batch] = []
        for (b, batch) in records.batches.enumerated() {
            var meta = [try StringVectorBuilder.repeating(instant.requestedTime, count: batch.count)]
            for column in [seqnos[b], records.keys[b], records.partitionPaths[b], fileNames[b]] {
                var builder = StringVectorBuilder(capacity: batch.count, bytesPerValue: 40)
                for value in column { try builder.append(value) }
                meta.append(builder.build())
            }
            // Deletes carry key columns only; their rows are never written.
            incoming.append(keysOnly ? batch : Batch(schema: schema, columns: meta + batch.columns, count: batch.count))
        }
        let avro = try schema.avroSchemaJSON(tableName: table.config.name)
        return HoodieWriteContext(table: table, instantTime: instant.requestedTime, schema: schema,
                                  footer: [KeyValue(key: "parquet.avro.schema", value: avro), KeyValue(key: "writer.model.name", value: "avro")],
                                  parquetOptions: options.parquet, bloomFilter: options.bloomIndex, precombineColumn: table.config.precombineField.flatMap { data.index(of: $0) }.map { $0 + 5 },
                                  incoming: incoming, keys: records)
    }

    /// `.hoodie_partition_metadata` (Java Properties: commitTime, partitionDepth) in a partition that lacks one.
    func writePartitionMetadata(_ partition: String) throws {
        let key = HudiTable.key(table.basePath, partition.isEmpty ? ".hoodie_partition_metadata" : partition + "/.hoodie_partition_metadata")
        let depth = partition.split(separator: "/").count
        let text = JavaProperties.serialize([("commitTime", instant.requestedTime), ("partitionDepth", String(depth))],
                                            comments: ["partition metadata", HoodieWriteTransaction.javaDate(Date())])
        do {
            try table.store.putIfAbsent(key, Array(text.utf8))
        } catch let error as StorageError where error.code == .alreadyExists {
            return
        } catch {
            throw TableFormatError(.io, "writing \(table.store.uri)/\(key): \(error)")
        }
    }

    static func javaDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss zzz yyyy"
        return formatter.string(from: date)
    }

    /// Bytes per record of the newest commit that wrote at least 100 records (Hudi's AverageRecordSizeUtils
    /// also skips small commits, whose footers dominate).
    func recordSizeFromCommits() throws -> Int64? {
        for instant in table.timeline.completedCommits.reversed() {
            let stats = try table.commitMetadata(instant).writeStats
            let records = stats.reduce(Int64(0)) { $0 + $1.numWrites }
            let bytes = stats.reduce(Int64(0)) { $0 + $1.totalWriteBytes }
            if records >= 100, bytes > 0 { return max(1, bytes / records) }
        }
        return nil
    }

    /// The incoming rows' average in-memory size: what a record costs before encoding and compression.
    static func inMemorySize(_ records: HoodieIncomingRecords) -> Int64 { inMemorySize(records.batches) }

    static func inMemorySize(_ batches: [Batch]) -> Int64 {
        var bytes = 0
        var rows = 0
        for batch in batches {
            bytes += batch.columns.reduce(0) { $0 + size($1) }
            rows += batch.count
        }
        return rows == 0 ? 1024 : Int64(max(1, bytes / rows))
    }

    static func size(_ vector: Vector) -> Int {
        vector.buffer.count + vector.offsets.count * 4 + vector.children.reduce(0) { $0 + size($1) }
    }
}

/// Object keys of base files, added from any thread.
final class OpenedBaseFiles: Sendable {
    private let opened = Mutex<[String]>([])

    func add(_ key: String) { opened.withLock { $0.append(key) } }

    var keys: [String] { opened.withLock { $0 } }
}
