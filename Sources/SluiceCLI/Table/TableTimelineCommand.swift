import ArgumentParser
import Sluice

/// `sluice table timeline URI [--files]`: instants, with action, state, operation and counts; with `--files`,
/// then the source files each `sluice ingest` commit loaded, with their row counts (lineage).
struct TableTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "List a table's instants.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Flag(help: "Also list the source files each ingest commit loaded.") var files = false

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            let timeline = try TimelineRows.result(table)
            var text = TableText(schema: timeline.schema)
            for batch in timeline.batches { text.append(batch) }
            TableCLI.write(text.render())
            if files { try writeFiles(table) }
        }
    }

    /// One row per source file per ingest commit (`IngestCheckpoint.filesKey` in the commit's metadata).
    func writeFiles(_ table: HudiTable) throws {
        let schema = Schema([Field("instant", .string), Field("file", .string), Field("bytes", .int64), Field("rows", .int64),
                             Field("ingested", .int64), Field("quarantined", .int64), Field("skipped", .int64), Field("millis", .int64)])
        var rows: [[Value]] = []
        for instant in table.timeline.completedCommits {
            for file in try IngestCheckpoint.files(in: try table.commitMetadata(instant), instant: instant.requestedTime) {
                rows.append([.string(instant.requestedTime), .string(file.location), .int(Int64(file.size)), .int(Int64(file.rowsRead)),
                             .int(Int64(file.ingested)), .int(Int64(file.quarantined)), .int(Int64(file.skipped)), .int(Int64(file.millis))])
            }
        }
        var text = TableText(schema: schema)
        text.maxCellWidth = Int.max  // file locations are what this is for: never cut them
        let columns = schema.fields.indices.map { i in Vector(type: schema.fields[i].type, values: rows.map { $0[i] }) }
        text.append(Batch(schema: schema, columns: columns, count: rows.count))
        TableCLI.write("\n" + text.render())
    }
}
