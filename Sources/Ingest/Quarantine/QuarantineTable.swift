import Columnar
import Storage
import TableFormat
import TextFormats

/// Where rejected rows go: with `quarantine` (the default) a Hudi table beside the target, `skip` counts and
/// drops them, `fail` aborts the commit at the first one.
public enum RowErrorPolicy: String, Sendable {
    case quarantine, fail, skip
}

/// One rejected row on its way to the quarantine table.
struct QuarantineRecord {
    var file: SourceFile
    /// 1-based line of a text record; nil for a Parquet row.
    var line: Int?
    /// 1-based ordinal of the record in its file, when the line is not known.
    var ordinal: Int?
    var record: String
    var error: String
    /// `parse` (malformed record, wrong type) or `validation` (NOT NULL key, `--expect`).
    var stage: String
    /// The reader's error behind a `parse` reject, kept so its line can still move (see `moved(lines:rows:)`).
    var rowError: RowError?

    /// The reject of a byte range read from its own start, placed after `lines` lines and `rows` validated
    /// rows of the file's earlier ranges.
    func moved(lines: Int, rows: Int) -> QuarantineRecord {
        var moved = self
        moved.line = line.map { $0 + lines }
        moved.ordinal = ordinal.map { $0 + rows }
        if var rowError {
            rowError.line += lines
            moved.rowError = rowError
            moved.error = rowError.message
        }
        return moved
    }

    /// Unique per rejected row of one version of one file, so writing the same rejects again (a rerun after a
    /// crash between the quarantine commit and the table's) replaces them: they are counted once.
    var quarantineKey: String {
        "\(file.location)|\(file.version)|" + (line.map { "L\($0)" } ?? "R\(ordinal ?? 0)")
    }
}

/// The `<table>_quarantine` Hudi table: one row per rejected record (`_quarantine_key`, `source_file`,
/// `source_version`, `line`, `record`, `error`, `stage`), upserted by its key.
struct QuarantineTable {
    static let schema = Schema([
        Field("_quarantine_key", .string, nullable: false), Field("source_file", .string, nullable: false),
        Field("source_version", .string, nullable: false), Field("line", .int64), Field("record", .string),
        Field("error", .string, nullable: false), Field("stage", .string, nullable: false),
    ])

    let store: any ObjectStore
    let path: String

    /// Upserts `records` as one commit, creating the table first when it does not exist.
    func write(_ records: [QuarantineRecord], tableVersion: Int) throws {
        guard !records.isEmpty else { return }
        if !(try IngestTable.exists(store: store, path: path)) {
            let name = IngestTable.tableName((path.split(separator: "/").last.map(String.init)
                ?? store.uri.split(separator: "/").last.map(String.init)) ?? "quarantine")
            var options = HudiTableOptions(name: name, schema: Self.schema, recordKeyFields: ["_quarantine_key"],
                                           precombineField: nil, partitionFields: [], version: tableVersion, hiveStyle: false)
            options.databaseName = "default"
            do {
                _ = try HudiTable.create(store: store, path: path, options: options)
            } catch let error as TableFormatError where error.code == .conflict {
                // Another run created it first.
            }
        }
        let client = HudiWriteClient(table: try HudiTable.open(store: store, path: path))
        var batches: [Batch] = []
        for start in stride(from: 0, to: records.count, by: Batch.capacity) {
            batches.append(Self.batch(records[start..<min(records.count, start + Batch.capacity)]))
        }
        try client.write(batches, operation: .upsert)
    }

    static func batch(_ records: ArraySlice<QuarantineRecord>) -> Batch {
        let columns: [[Value]] = [
            records.map { .string($0.quarantineKey) }, records.map { .string($0.file.location) },
            records.map { .string($0.file.version) }, records.map { $0.line.map { .int(Int64($0)) } ?? .null },
            records.map { .string($0.record) }, records.map { .string($0.error) }, records.map { .string($0.stage) },
        ]
        return Batch(schema: schema, columns: zip(schema.fields, columns).map { Vector(type: $0.type, values: $1) }, count: records.count)
    }
}
