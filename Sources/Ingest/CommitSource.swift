import Columnar
import Foundation
import SQLExecution
import TableFormat
import TextFormats

/// One commit's rows: each file in turn, read with the types `IngestSchema` resolved for it, evolved to the
/// commit's schema, filtered by `--since-column`, transformed, validated, with rejected rows routed by the
/// error policy.
/// The write pulls the batches as it goes; rejected rows are kept for the quarantine table, which the driver
/// writes once the input is read, before the commit (a rerun after a crash rewrites them under the same keys, so
/// they are counted once).
final class CommitSource {
    let files: [SourceFile]
    /// How to read each file (forced types and dialect).
    let plans: [ReadPlan]
    /// The commit's source schema: every batch is evolved to it (the transform's input).
    let schema: Schema
    let options: IngestOptions
    let validator: RecordValidator
    let transform: BatchTransform?
    let since: SinceFilter?
    /// The pieces this source reads, in turn, until nil (shared with other sources in a parallel commit).
    private let nextPiece: () -> SourcePiece?
    /// Under `--on-error fail`, keep a piece's first reject instead of throwing: a piece's line numbers are
    /// final only once the pieces before it are read (`CommitSource.merge`).
    private let deferFailures: Bool
    private var ready: [Batch] = []
    private var reader: SourceReader?
    private var started = Date()
    private var current: PieceResult?
    private(set) var results: [PieceResult] = []

    init(files: [SourceFile], plans: [ReadPlan], schema: Schema, options: IngestOptions, transform: BatchTransform?,
         since: SinceFilter?, deferFailures: Bool = false, nextPiece: @escaping () -> SourcePiece?) throws {
        self.files = files
        self.plans = plans
        self.schema = schema
        self.options = options
        self.transform = transform
        self.since = since
        self.deferFailures = deferFailures
        self.nextPiece = nextPiece
        validator = try RecordValidator(schema: transform?.schema ?? schema, keyColumns: options.recordKeyFields,
                                        expectations: options.expectations)
    }

    /// The next batch; nil once every piece is read.
    func next() throws -> Batch? {
        while true {
            if !ready.isEmpty { return ready.removeFirst() }
            if reader == nil {
                guard let piece = nextPiece() else { return nil }
                reader = try SourceReader(file: files[piece.file], options: options.text, plan: plans[piece.file], piece: piece)
                current = PieceResult(piece: piece, stats: IngestedFile(file: files[piece.file]))
                started = Date()
            }
            guard let reader, let file = current.map({ files[$0.piece.file] }) else { return nil }
            guard let batch = try reader.next() else {
                closePiece()
                continue
            }
            try route(reader.takeRejected().map { QuarantineRecord(rowError: $0, file: file) })
            ready = try prepare(batch, file: file)
        }
    }

    /// Evolves, filters (`--since-column`), transforms, validates and marks one batch.
    private func prepare(_ batch: Batch, file: SourceFile) throws -> [Batch] {
        var batch = try SchemaEvolution.evolve(batch.selection == nil ? batch : batch.compacted(), to: schema, file: file.location)
        if let since {
            let kept = try since.filter(batch)
            current?.stats.skipped += batch.count - kept.count
            batch = kept
        }
        var out: [Batch] = [batch]
        if let transform {
            out = try transform.apply(batch)
            // Rows a transform filters out are dropped on purpose: counted as skipped.
            current?.stats.skipped += max(0, batch.count - out.reduce(0) { $0 + $1.count })
        }
        return try out.compactMap { try validate($0, file: file) }
    }

    /// The rows of `batch` that pass validation, marked for deletes; nil when none is left.
    private func validate(_ batch: Batch, file: SourceFile) throws -> Batch? {
        var batch = batch
        let failures = try validator.failures(batch)
        let accepted = current?.accepted ?? 0
        current?.accepted += batch.count
        if !failures.isEmpty {
            var records: [QuarantineRecord] = []
            for failure in failures {
                records.append(QuarantineRecord(file: file, line: nil, ordinal: accepted + failure.row + 1,
                                                record: try RecordValidator.render(batch, row: failure.row),
                                                error: failure.reason, stage: "validation", rowError: nil))
            }
            try route(records)
            var keep = ContiguousArray<UInt32>()
            var f = 0
            for row in 0..<batch.count {
                if f < failures.count, failures[f].row == row { f += 1 } else { keep.append(UInt32(row)) }
            }
            guard !keep.isEmpty else { return nil }
            batch = Batch(schema: batch.schema, columns: batch.columns, count: batch.count, selection: SelectionVector(keep)).compacted()
        }
        current?.stats.ingested += batch.count
        return try DeleteMarker.mark(batch, options: options)
    }

    /// Rejected rows: quarantined (kept for the end of the commit), counted and dropped, or the commit fails.
    private func route(_ records: [QuarantineRecord]) throws {
        guard let first = records.first else { return }
        switch options.onError {
        case .fail:
            if deferFailures {
                if current?.rejects.isEmpty == true { current?.rejects.append(first) }
                current?.stats.quarantined += records.count
                return
            }
            throw CommitSource.rejected(first)
        case .skip:
            current?.stats.skipped += records.count
        case .quarantine:
            current?.stats.quarantined += records.count
            current?.rejects += records
        }
    }

    static func rejected(_ record: QuarantineRecord) -> IngestError {
        IngestError(.rejectedRecord, "\(record.file.location)" + (record.line.map { ", line \($0)" } ?? "")
            + ": \(record.error) (--on-error fail: nothing committed)")
    }

    private func closePiece() {
        guard var result = current, let reader else { return }
        result.stats.rowsRead = reader.rowsRead
        result.stats.millis = Int(Date().timeIntervalSince(started) * 1000)
        result.lines = reader.linesRead
        result.endsInsideQuotes = reader.endsInsideQuotes
        results.append(result)
        current = nil
        self.reader = nil
    }
}

extension CommitSource {
    /// What reading a commit's files found, known once they are all read.
    struct Summary: Sendable {
        var stats: [IngestedFile]
        var rejects: [QuarantineRecord]
        /// The `--since-column` checkpoint record.
        var since: String?
    }

    /// Reads the files on their own thread (see `BatchPrefetcher`): the thread builds its own source,
    /// transform and since filter from these values, so nothing it reads with is shared.
    static func prefetch(files: [SourceFile], plans: [ReadPlan], schema: Schema, options: IngestOptions,
                         sinceFloor: Value?) -> BatchPrefetcher<Summary> {
        BatchPrefetcher { emit in
            let transform = try options.transform.map { try BatchTransform(sql: $0, input: schema) }
            let since = options.sinceColumn.map { SinceFilter(column: $0, floor: sinceFloor) }
            var pieces = files.indices.map { SourcePiece(file: $0, range: nil, part: 0) }.makeIterator()
            let source = try CommitSource(files: files, plans: plans, schema: schema, options: options, transform: transform,
                                          since: since) { pieces.next() }
            while let batch = try source.next() { try emit(batch) }
            var summary = try CommitSource.merge(source.results, files: files, options: options)
            summary.since = try since?.metadata()
            return summary
        }
    }
}

extension QuarantineRecord {
    init(rowError: RowError, file: SourceFile) {
        self.init(file: file, line: rowError.line, ordinal: nil, record: rowError.record, error: rowError.message, stage: "parse",
                  rowError: rowError)
    }
}
