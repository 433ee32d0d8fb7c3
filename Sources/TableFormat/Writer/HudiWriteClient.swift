import Columnar
import Foundation
import Parquet
import Storage

/// How a write sizes and encodes its files and finds existing records.
public struct HudiWriteOptions: Sendable {
    /// The base file size inserts fill small file groups up to and split new file groups at
    /// (`hoodie.parquet.max.file.size`, 120 MB in Hudi).
    public var targetFileSize: Int64 = 120 << 20
    /// Bytes one record takes in a base file; nil: from the newest commit that wrote enough records, else from
    /// the incoming rows' in-memory size (an overestimate, so first files come out under the target).
    public var recordSizeEstimate: Int64?
    /// Base file encoding; column chunks of big batches are encoded on parallel threads.
    public var parquet: ParquetWriteOptions = {
        var options = ParquetWriteOptions()
        options.parallelEncoding = true
        return options
    }()
    /// Where existing keys are looked up; nil: `HoodieBloomIndex` with `bloomIndex`.
    public var index: (any HoodieIndex)?
    /// The bloom filter written into every base file's footer (with the min and max record keys), and the
    /// default index's settings.
    public var bloomIndex = HoodieBloomIndexConfig()
    /// File groups an upsert, insert or delete rewrites at once, each on a thread of its own (its reader, merge and
    /// writer); each holds up to a row group of encoded chunks in memory. 1: one after another.
    public var fileGroupParallelism = HudiWriteOptions.defaultFileGroupParallelism
    /// Roll back pending writes whose writer is gone (expired heartbeat) before writing, as Hudi's default
    /// EAGER failed-writes policy does.
    public var rollbackFailedWrites = true
    /// A boolean column of the incoming batches whose true rows are deletes within an upsert, as Hudi's
    /// `_hoodie_is_deleted` field: one commit both upserts and deletes (MERGE INTO, CDC files). The column is
    /// never written; a null counts as false. Deletes obey the precombine order like updates.
    public var deleteMarkerField: String?
    /// Entries added to the commit's `extraMetadata` (a checkpoint, lineage); the write's own `schema` wins.
    public var extraMetadata: [String: String] = [:]
    /// insert_overwrite: rows of partition-column values (Spark's static PARTITION clause) whose partitions are
    /// replaced even when no incoming row falls in them, as Hudi's static overwrite partition paths.
    public var staticPartitions: Batch?

    /// Two file groups at a time where there are two cores: on the SF1 upsert (two file groups of 750,000 rows)
    /// CPU time stays the same and the wall time drops, for about 100 MB more peak memory.
    public static let defaultFileGroupParallelism = min(2, ProcessInfo.processInfo.activeProcessorCount)

    public init(targetFileSize: Int64 = 120 << 20, recordSizeEstimate: Int64? = nil, index: (any HoodieIndex)? = nil) {
        self.targetFileSize = targetFileSize
        self.recordSizeEstimate = recordSizeEstimate
        self.index = index
    }
}

/// What a completed write committed.
public struct HudiWriteResult: Sendable {
    public var instant: HoodieInstant
    public var metadata: HoodieCommitMetadata
}

/// Writes Columnar batches into a copy-on-write Hudi table as one commit (or replacecommit): requested and
/// inflight instants, base files, partition metadata, then the completed instant by put-if-absent. A failure
/// before completion deletes the files written and the pending instant, so readers never see a partial write.
public struct HudiWriteClient: Sendable {
    public let store: any ObjectStore
    public let basePath: String
    public var options: HudiWriteOptions
    /// The clock instant times come from; tests may pin it.
    public var now: @Sendable () -> Date = { Date() }

    public init(table: HudiTable, options: HudiWriteOptions = .init()) {
        store = table.store
        basePath = table.basePath
        self.options = options
    }

    public init(store: any ObjectStore, basePath: String, options: HudiWriteOptions = .init()) {
        self.store = store
        self.basePath = basePath.split(separator: "/").joined(separator: "/")
        self.options = options
    }

    /// Writes `batches` (the table's data columns; for `.delete`, at least the key and partition columns) with
    /// `operation`, as one new instant. Batches with added nullable columns or widened types evolve the table's
    /// schema (see `HoodieWriterSchema`); every batch of one write has the same columns.
    @discardableResult
    public func write<S: Sequence>(_ batches: S, operation: WriteOperationType) throws -> HudiWriteResult where S.Element == Batch {
        var iterator = batches.makeIterator()
        return try write(next: { iterator.next() }, operation: operation)
    }

    /// Writes the batches `next` returns until nil, as one new instant. `next` may throw (a reader failing
    /// mid-stream); the write then aborts and leaves nothing behind. Bulk insert streams, holding about a file
    /// group's rows per partition; the other operations hold the incoming rows (an upsert needs every key before
    /// the first file group is rewritten). Existing base files are always streamed. `beforeCommit` runs once
    /// every file is written, just before the commit completes: what it returns joins the commit's
    /// `extraMetadata` (counts known only at the end of the input), and if it throws the write aborts.
    @discardableResult
    public func write(next: () throws -> Batch?, operation: WriteOperationType,
                      beforeCommit: () throws -> [String: String] = { [:] }) throws -> HudiWriteResult {
        let table = try openForWrite()
        let keyGenerator = try HoodieKeyGenerator(config: table.config)
        // The first batch tells the incoming schema, so an incompatible one fails before anything is written.
        let marker = options.deleteMarkerField
        if let marker, operation != .upsert {
            throw TableFormatError(.invalidArgument, "delete marker '\(marker)' applies to upsert, not \(operation.rawValue)")
        }
        var first = try next()
        let writerSchema = try operation == .delete ? nil : first.map {
            try HudiWriteClient.writerSchema(HoodieDeleteMarker.split($0, field: marker).data.schema, table: table)
        }
        let dataSchema = writerSchema?.schema ?? table.dataSchema
        func pull() throws -> Batch? {
            let batch: Batch?
            if let pending = first {
                first = nil
                batch = pending
            } else {
                batch = try next()
            }
            guard let batch, let writerSchema else { return batch }
            // The marker rides along as the last column, past the conforming of the data columns.
            let (data, flags) = try HoodieDeleteMarker.split(batch, field: marker)
            return try HoodieDeleteMarker.join(writerSchema.conform(data), marker: flags, field: marker)
        }
        // Bulk insert streams its input after the instant starts; the others need every key first.
        let records = operation == .bulkInsert ? nil
            : try HoodieIncomingRecords(next: pull, schema: dataSchema, keyGenerator: keyGenerator,
                                        precombineField: table.config.precombineField, deduplicate: true,
                                        keysOnly: operation == .delete, deleteMarker: marker)
        let avroSchema = try HudiWriteClient.avroSchema(writerSchema, dataSchema: dataSchema, table: table)
        return try commit(operation, table: table, dataSchema: dataSchema, avroSchema: avroSchema) { transaction in
            let (written, touched) = try records.map { try transaction.writeFiles($0, operation: operation, options: options) }
                ?? transaction.streamBulkInsert(next: pull, keyGenerator: keyGenerator, options: options)
            var metadata = written
            metadata.extraMetadata.merge(try beforeCommit()) { own, _ in own }
            return (metadata, touched)
        }
    }

    /// Bulk insert by `workers` independent producers, as one new instant: `produce(worker, emit)` runs on a
    /// thread of its own for each worker and passes its batches (with `incoming`'s columns) to `emit`, which
    /// writes them into that worker's own file groups. The producers must share nothing mutable (each opens
    /// its own readers). `beforeCommit` gets their results in worker order once every file is written; what it
    /// returns joins the commit's `extraMetadata`, and if it throws the write aborts and leaves nothing behind.
    @discardableResult
    public func bulkInsert<Summary: Sendable>(
        schema incoming: Schema, workers: Int,
        produce: @escaping @Sendable (_ worker: Int, _ emit: (Batch) throws -> Void) throws -> Summary,
        beforeCommit: ([Summary]) throws -> [String: String] = { _ in [:] }
    ) throws -> HudiWriteResult {
        let table = try openForWrite()
        let keyGenerator = try HoodieKeyGenerator(config: table.config)
        let writerSchema = try HudiWriteClient.writerSchema(incoming, table: table)
        let avroSchema = try HudiWriteClient.avroSchema(writerSchema, dataSchema: writerSchema.schema, table: table)
        let options = options
        return try commit(.bulkInsert, table: table, dataSchema: writerSchema.schema, avroSchema: avroSchema) { transaction in
            var (metadata, results) = try transaction.parallelBulkInsert(workers: workers, keyGenerator: keyGenerator, options: options,
                                                                         conform: { try writerSchema.conform($0) }, produce: produce)
            metadata.extraMetadata.merge(try beforeCommit(results)) { own, _ in own }
            return (metadata, [])
        }
    }

    /// The table as a write starts from: writable, with dead writers' pending instants rolled back first
    /// (Hudi's EAGER failed-writes policy) when the options ask for it.
    private func openForWrite() throws -> HudiTable {
        let table = try HudiTable.open(store: store, path: basePath)
        try HudiWriteClient.checkWritable(table)
        guard options.rollbackFailedWrites, !table.timeline.pendingInstants.isEmpty else { return table }
        try table.rollbackFailedWrites(now: now())
        return try HudiTable.open(store: store, path: basePath)
    }

    /// The Avro schema a write records: the evolved one, else the table's.
    private static func avroSchema(_ writerSchema: HoodieWriterSchema?, dataSchema: Schema, table: HudiTable) throws -> String {
        try writerSchema?.evolved == true ? dataSchema.avroSchemaJSON(tableName: table.config.name)
            : table.avroSchema ?? dataSchema.avroSchemaJSON(tableName: table.config.name)
    }

    /// Starts an instant, runs `body` to write its files, and completes it under the commit lock after the
    /// conflict check; any failure deletes what was written and the pending instant.
    private func commit(_ operation: WriteOperationType, table: HudiTable, dataSchema: Schema, avroSchema: String,
                        body: (HoodieWriteTransaction) throws -> (HoodieCommitMetadata, Set<HoodieFileGroup.ID>)) throws -> HudiWriteResult {
        var timeline = try HoodieTimelineWriter(store: store, basePath: table.basePath, config: table.config)
        timeline.now = now
        let heartbeat = HoodieHeartbeat(store: store, basePath: table.basePath)
        let requested = try start(operation, after: table.timeline, timeline: timeline, heartbeat: heartbeat)
        let instantTime = requested.requestedTime
        defer { try? heartbeat.stop(instantTime) }
        let transaction = HoodieWriteTransaction(table: table, dataSchema: dataSchema, avroSchema: avroSchema, timeline: timeline,
                                                 instant: requested, heartbeat: heartbeat)
        do {
            let inflight = try timeline.transitionToInflight(requested, content: [])
            transaction.instant = inflight
            let (metadata, touched) = try body(transaction)
            let content = try metadata.serialized(layoutVersion: timeline.layoutVersion, replace: operation.action == .replaceCommit)
            // Optimistic concurrency: under the table's commit lock, fail if a write completed since we started
            // and touched our file groups, else complete.
            let completed = try HoodieCommitLock(store: store, basePath: table.basePath).withLock(owner: instantTime) {
                try HudiTable.open(store: store, path: basePath)
                    .checkConflicts(startTimeline: table.timeline, ownInstant: instantTime, fileGroups: touched)
                return try timeline.complete(inflight, content: content)
            }
            return HudiWriteResult(instant: completed, metadata: metadata)
        } catch {
            transaction.abort()
            throw error
        }
    }

    /// Creates the requested instant, its heartbeat first so no concurrent writer takes it for a dead one. When
    /// another writer took the same millisecond (put-if-absent lost), picks a later time and tries again; the
    /// heartbeat just refreshed is the winner's, so it stays.
    private func start(_ operation: WriteOperationType, after startTimeline: HoodieActiveTimeline, timeline: HoodieTimelineWriter,
                       heartbeat: HoodieHeartbeat) throws -> HoodieInstant {
        let content = operation.action == .replaceCommit
            ? try HoodieCommitMetadata.requestedReplaceMetadata(operationType: operation.rawValue) : []
        var after = startTimeline
        for _ in 0..<32 {
            let time = timeline.newInstantTime(after: after)
            try heartbeat.beat(time)
            do {
                return try timeline.createRequested(action: operation.action, time: time, content: content)
            } catch let error as TableFormatError where error.code == .conflict {
                after = try HoodieActiveTimeline.load(store: store, directory: timeline.directory, layoutVersion: timeline.layoutVersion)
            } catch {
                try? heartbeat.stop(time)
                throw error
            }
        }
        throw TableFormatError(.conflict, "no free instant time after 32 attempts: other writers keep taking them (\(store.uri)/\(basePath))")
    }

    /// The schema a write with `incoming` columns commits (see `HoodieWriterSchema`).
    static func writerSchema(_ incoming: Schema, table: HudiTable) throws -> HoodieWriterSchema {
        let config = table.config
        // Key and partition fields may be nested paths or carry a key generator type (`field:TIMESTAMP`).
        let named = config.recordKeyFields + config.partitionFields + (config.precombineField.map { [$0] } ?? [])
        let fixed = Set(named.compactMap { $0.split(separator: ":").first?.split(separator: ".").first.map(String.init) })
        return try HoodieWriterSchema(incoming: incoming, table: table.dataSchema, fixedColumns: fixed, tableName: config.name)
    }

    static func checkWritable(_ table: HudiTable) throws {
        let config = table.config
        guard try config.tableType == .copyOnWrite else {
            throw TableFormatError(.unsupported, "'\(config.name)' is a MERGE_ON_READ table; Sluice writes copy-on-write tables only")
        }
        guard try [6, 8].contains(config.tableVersion) else {
            throw TableFormatError(.unsupported, "'\(config.name)' has table version \(try config.tableVersion); Sluice writes versions 6 and 8")
        }
        guard config.populatesMetaFields, config.baseFileFormat == "PARQUET", !config.dropsPartitionColumns else {
            throw TableFormatError(.unsupported, "'\(config.name)' needs meta fields, PARQUET base files and partition columns kept in the data to be written by Sluice")
        }
        guard !table.dataSchema.fields.isEmpty else {
            throw TableFormatError(.invalidMetadata, "'\(config.name)' has no schema to write against (no commit and no \(HoodieTableConfig.Key.createSchema))")
        }
    }
}
