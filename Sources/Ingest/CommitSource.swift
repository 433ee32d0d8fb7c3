import Columnar
import Foundation
import SQLExecution
import TableFormat
import TextFormats

/// One commit's rows, pulled by the write client: each file in turn, read with the types `IngestSchema`
/// resolved for it, evolved to the commit's schema, validated, with rejected rows routed by the error policy.
/// Rejected rows are kept for the quarantine table, which the driver writes before the commit (a rerun after a
/// crash rewrites them under the same keys, so they are counted once).
final class CommitSource {
    let files: [SourceFile]
    /// How to read each file (forced types and dialect).
    let plans: [ReadPlan]
    /// The commit's schema: every batch leaves with these columns (plus the delete marker).
    let schema: Schema
    let options: IngestOptions
    let validator: RecordValidator
    private var index = 0
    private var reader: SourceReader?
    /// A reader the planning pass opened and can hand over (the first file's, when its schema did not change).
    private var pending: SourceReader?
    private var started = Date()
    private var accepted = 0
    private(set) var stats: [IngestedFile] = []
    private(set) var rejects: [QuarantineRecord] = []

    init(files: [SourceFile], plans: [ReadPlan], schema: Schema, options: IngestOptions, first: SourceReader?) throws {
        self.files = files
        self.plans = plans
        self.schema = schema
        self.options = options
        pending = first
        stats = files.map(IngestedFile.init(file:))
        validator = try RecordValidator(schema: schema, keyColumns: options.recordKeyFields, expectations: options.expectations)
    }

    /// The next batch; nil once every file is read.
    func next() throws -> Batch? {
        while true {
            if reader == nil {
                guard index < files.count else { return nil }
                reader = try pending ?? SourceReader(file: files[index], options: options.text, plan: plans[index])
                pending = nil
                started = Date()
                accepted = 0
            }
            guard let reader, let batch = try reader.next() else {
                closeFile()
                continue
            }
            try route(reader.takeRejected().map { QuarantineRecord(rowError: $0, file: files[index]) })
            if let out = try prepare(batch, file: files[index]) { return out }
        }
    }

    /// Evolves, validates and marks one batch; nil when no row of it is left.
    private func prepare(_ batch: Batch, file: SourceFile) throws -> Batch? {
        var batch = try SchemaEvolution.evolve(batch.selection == nil ? batch : batch.compacted(), to: schema, file: file.location)
        let failures = try validator.failures(batch)
        if !failures.isEmpty {
            var records: [QuarantineRecord] = []
            for failure in failures {
                records.append(QuarantineRecord(file: file, line: nil, ordinal: accepted + failure.row + 1,
                                                record: try RecordValidator.render(batch, row: failure.row),
                                                error: failure.reason, stage: "validation"))
            }
            accepted += batch.count
            try route(records)
            var keep = ContiguousArray<UInt32>()
            var f = 0
            for row in 0..<batch.count {
                if f < failures.count, failures[f].row == row { f += 1 } else { keep.append(UInt32(row)) }
            }
            guard !keep.isEmpty else { return nil }
            batch = Batch(schema: batch.schema, columns: batch.columns, count: batch.count, selection: SelectionVector(keep)).compacted()
        } else {
            accepted += batch.count
        }
        stats[index].ingested += batch.count
        return try DeleteMarker.mark(batch, options: options)
    }

    /// Rejected rows: quarantined (kept for the end of the commit), counted and dropped, or the commit fails.
    private func route(_ records: [QuarantineRecord]) throws {
        guard let first = records.first else { return }
        switch options.onError {
        case .fail:
            throw IngestError(.rejectedRecord, "\(first.file.location)" + (first.line.map { ", line \($0)" } ?? "")
                + ": \(first.error) (--on-error fail: nothing committed)")
        case .skip:
            stats[index].skipped += records.count
        case .quarantine:
            stats[index].quarantined += records.count
            rejects += records
        }
    }

    private func closeFile() {
        stats[index].rowsRead = reader?.rowsRead ?? 0
        stats[index].millis = Int(Date().timeIntervalSince(started) * 1000)
        reader = nil
        index += 1
    }

    /// Every batch of the commit. Reading all of it before the write starts gives the commit's metadata its
    /// counts, and lets the rejects be stored first; an upsert holds every incoming row anyway.
    func drain() throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

}

extension QuarantineRecord {
    init(rowError: RowError, file: SourceFile) {
        self.init(file: file, line: rowError.line, ordinal: nil, record: rowError.record, error: rowError.message, stage: "parse")
    }
}
