import Columnar
import Foundation
import Storage
import TableFormat

/// Loads a source's new files into a Hudi table, exactly once. A run lists the source, leaves out the files
/// the table's commits already list (`IngestCheckpoint`), and commits the rest in order (modification time,
/// then name), at most `maxFiles` / `maxBytes` per commit. Each commit's metadata lists its files with their
/// counts, so the data and the checkpoint complete together: a crash before the commit loads nothing, and
/// after it the files are never loaded again.
public final class IncrementalIngest {
    public let source: SourceLocation
    public let store: any ObjectStore
    public let path: String
    public let options: IngestOptions

    public init(source: SourceLocation, store: any ObjectStore, path: String, options: IngestOptions) throws {
        guard options.onError != .quarantine || options.quarantine != nil else {
            throw IngestError(.invalidOption, "--on-error quarantine needs a quarantine table")
        }
        guard options.maxFiles.map({ $0 > 0 }) ?? true, options.maxBytes.map({ $0 > 0 }) ?? true else {
            throw IngestError(.invalidOption, "--max-files and --max-bytes must be positive")
        }
        self.source = source
        self.store = store
        self.path = path.split(separator: "/").joined(separator: "/")
        self.options = options
    }

    /// Ingests every pending file, one commit per group, until done or until `stop` says so (checked between
    /// commits, so a stop never leaves a partial commit).
    public func run(stop: () -> Bool = { false }, progress: (IngestProgress) -> Void = { _ in }) throws -> IngestReport {
        var report = IngestReport()
        var table = try IngestTable.open(store: store, path: path)
        if let table { try IngestTable.checkKeys(options, against: table) }
        var checkpoint = try table.map(IngestCheckpoint.load) ?? IngestCheckpoint()
        var pending: [SourceFile] = []
        for file in try source.list() {
            switch checkpoint.status(of: file) {
            case .new: pending.append(file)
            case .ingested: report.alreadyIngested += 1
            case .changed:
                report.changed.append(file)
                if options.reingestChanged || options.sinceColumn != nil { pending.append(file) }
            }
        }
        let started = Date()
        let (bytesTotal, filesTotal) = (pending.reduce(0) { $0 + $1.size }, pending.count)
        var done = (files: 0, bytes: 0, rows: 0)
        for group in groups(pending) {
            if stop() {
                report.stopped = true
                break
            }
            let commit = try ingest(group, table: &table, checkpoint: checkpoint, created: &report.createdTable)
            checkpoint.record(commit.files, instant: commit.instant.requestedTime, since: commit.since)
            report.commits.append(commit)
            done = (done.files + group.count, done.bytes + group.reduce(0) { $0 + $1.size },
                    done.rows + commit.files.reduce(0) { $0 + $1.rowsRead })
            progress(IngestProgress(filesDone: done.files, filesTotal: filesTotal, bytesDone: done.bytes, bytesTotal: bytesTotal,
                                    rows: done.rows, seconds: Date().timeIntervalSince(started)))
        }
        return report
    }

    /// Pending files cut into commits of at most `maxFiles` files and about `maxBytes` bytes (never empty).
    func groups(_ files: [SourceFile]) -> [[SourceFile]] {
        var groups: [[SourceFile]] = []
        var current: [SourceFile] = []
        var bytes = 0
        for file in files {
            let full = options.maxFiles.map { current.count >= $0 } ?? false
            let heavy = options.maxBytes.map { bytes + file.size > $0 } ?? false
            if !current.isEmpty, full || heavy {
                groups.append(current)
                (current, bytes) = ([], 0)
            }
            current.append(file)
            bytes += file.size
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// One commit: schemas resolved, rows read and validated, rejects stored, then the data with the checkpoint.
    private func ingest(_ files: [SourceFile], table: inout HudiTable?, checkpoint: IngestCheckpoint,
                        created: inout Bool) throws -> IngestCommit {
        let started = Date()
        // With a transform the source's columns are not the table's: the table's types do not apply to them.
        let base = (options.transform == nil ? table?.dataSchema : nil) ?? options.schema ?? Schema([])
        let mode = table == nil || options.transform != nil ? .evolve : options.schemaMode
        var schema = IngestSchema(base: base, fixedColumns: options.transform == nil ? options.fixedColumns : [], mode: mode)
        var plans: [ReadPlan] = []
        for file in files {
            let reader = try SourceReader(file: file, options: options.text, plan: ReadPlan(schema: options.schema))
            let read = try schema.resolve(reader.schema, file: file.location, typed: file.format == .parquet)
            var plan = reader.plan
            if file.format != .parquet { plan.schema = read }
            plans.append(plan)
        }
        let transform = try options.transform.map { try BatchTransform(sql: $0, input: schema.schema) }
        let commitSchema = DeleteMarker.schema(transform?.schema ?? schema.schema, options: options)
        if table == nil {
            table = try IngestTable.create(store: store, path: path, schema: tableSchema(commitSchema), options: options)
            created = true
        }
        guard let current = table else { throw IngestError(.noSources, "no table at \(store.uri)/\(path)") }
        var write = options.write
        if commitSchema.index(of: DeleteMarker.column) != nil {
            guard options.operation == .upsert else {
                throw IngestError(.invalidOption, "deletes (\(options.deleteColumn.map { "--delete-column \($0)" } ?? DeleteMarker.column)) need --operation upsert, not \(options.operation.rawValue.lowercased())")
            }
            write.deleteMarkerField = DeleteMarker.column
        }
        let sinceFloor = options.sinceColumn.flatMap { SinceFilter.floor(checkpoint.since, column: $0) }
        let client = HudiWriteClient(table: current, options: write)
        // The counts, the checkpoint and the rejects are complete only once the input is, so they are stored
        // just before the commit (still one atomic put).
        let finish = { (read: inout CommitSource.Summary) throws -> [String: String] in
            if let quarantine = self.options.quarantine, !read.rejects.isEmpty {
                try QuarantineTable(store: quarantine.store, path: quarantine.path).write(read.rejects, tableVersion: self.options.tableVersion)
            }
            for i in read.stats.indices where read.stats[i].millis == 0 { read.stats[i].millis = 1 }
            var extra = try checkpoint.metadata(for: read.stats, summary: self.summary(read.stats, started: started))
            if let since = read.since { extra[SinceFilter.metadataKey] = since }
            return extra
        }
        let (result, read) = try writeInParallel(client, files: files, plans: plans, schema: schema.schema, finish: finish)
            ?? writeSerially(client, files: files, plans: plans, schema: schema.schema, sinceFloor: sinceFloor, finish: finish)
        table = try HudiTable.open(store: store, path: path)
        let writeStats = result.metadata.writeStats
        return IngestCommit(instant: result.instant, files: read.stats, inserted: writeStats.reduce(0) { $0 + $1.numInserts },
                            updated: writeStats.reduce(0) { $0 + $1.numUpdateWrites }, deleted: writeStats.reduce(0) { $0 + $1.numDeletes },
                            millis: Int(Date().timeIntervalSince(started) * 1000), since: read.since)
    }

    /// Rows stream from one reading thread (`CommitSource.prefetch`) into the write.
    private func writeSerially(_ client: HudiWriteClient, files: [SourceFile], plans: [ReadPlan], schema: Schema, sinceFloor: Value?,
                               finish: (inout CommitSource.Summary) throws -> [String: String]) throws -> (HudiWriteResult, CommitSource.Summary) {
        let reading = CommitSource.prefetch(files: files, plans: plans, schema: schema, options: options, sinceFloor: sinceFloor)
        defer { reading.close() }
        var read = CommitSource.Summary(stats: [], rejects: [], since: nil)
        let result = try client.write(next: reading.next, operation: options.operation) {
            guard let finished = reading.finished else {
                throw IngestError(.noSources, "\(files.first?.location ?? "the source"): the write stopped before the reader finished")
            }
            read = finished
            return try finish(&read)
        }
        return (result, read)
    }

    /// Bulk insert by `parallelism` workers, each reading the pieces it claims and writing its own file groups;
    /// nil when the commit is no parallel bulk insert, has one piece (a reading thread beside the writing one
    /// does better than one worker doing both), or a cut fell inside a quoted field (read serially instead).
    private func writeInParallel(_ client: HudiWriteClient, files: [SourceFile], plans: [ReadPlan], schema: Schema,
                                 finish: (inout CommitSource.Summary) throws -> [String: String]) throws -> (HudiWriteResult, CommitSource.Summary)? {
        guard CommitSource.readsInParallel(options) else { return nil }
        let pieces = try CommitSource.pieces(files, options: options, workers: options.parallelism)
        guard pieces.count > 1 else { return nil }
        do {
            return try writeInParallel(client, pieces: pieces, files: files, plans: plans, schema: schema, finish: finish)
        } catch let error where pieces.count > files.count && CommitSource.isSplitFailure(error) {
            return nil
        }
    }

    private func writeInParallel(_ client: HudiWriteClient, pieces: [SourcePiece], files: [SourceFile], plans: [ReadPlan], schema: Schema,
                                 finish: (inout CommitSource.Summary) throws -> [String: String]) throws -> (HudiWriteResult, CommitSource.Summary) {
        let queue = PieceQueue(pieces)
        let options = options
        var read = CommitSource.Summary(stats: [], rejects: [], since: nil)
        let result = try client.bulkInsert(schema: schema, workers: min(options.parallelism, pieces.count)) { worker, emit in
            try CommitSource.produce(worker: worker, files: files, plans: plans, schema: schema, options: options, queue: queue, emit: emit)
        } beforeCommit: { results in
            read = try CommitSource.merge(results.flatMap { $0 }, files: files, options: options)
            return try finish(&read)
        }
        return (result, read)
    }

    /// The columns a new table gets: the commit's, without the delete marker (the write client strips it).
    private func tableSchema(_ schema: Schema) -> Schema {
        Schema(schema.fields.filter { $0.name != DeleteMarker.column })
    }

    private func summary(_ files: [IngestedFile], started: Date) -> [String: Any] {
        ["source": source.store.uri + (source.prefix.isEmpty ? "" : "/" + source.prefix), "files": files.count,
         "bytes": files.reduce(0) { $0 + $1.size }, "rows": files.reduce(0) { $0 + $1.rowsRead },
         "ingested": files.reduce(0) { $0 + $1.ingested }, "quarantined": files.reduce(0) { $0 + $1.quarantined },
         "skipped": files.reduce(0) { $0 + $1.skipped }, "readMillis": Int(Date().timeIntervalSince(started) * 1000)]
    }
}
