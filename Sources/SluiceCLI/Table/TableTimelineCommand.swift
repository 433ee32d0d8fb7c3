import ArgumentParser
import Sluice

/// `sluice table timeline URI`: instants, with action, state, operation and counts.
struct TableTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "List a table's instants.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            let schema = Schema([
                Field("requested", .string), Field("completed", .string), Field("action", .string), Field("state", .string),
                Field("operation", .string), Field("files", .int64), Field("writes", .int64), Field("deletes", .int64),
                Field("replaced", .int64),
            ])
            var text = TableText(schema: schema)
            var rows: [[Value]] = []
            for instant in table.timeline.instants {
                var row: [Value] = [.string(instant.requestedTime), instant.completionTime.map { .string($0) } ?? .null,
                                    .string(instant.action.rawValue), .string(instant.state.rawValue)]
                if instant.isCompleted && instant.action.writesData {
                    let metadata = try table.commitMetadata(instant)
                    let stats = metadata.writeStats
                    row += [metadata.operationType.map { .string($0) } ?? .null, .int(Int64(stats.count)),
                            .int(stats.reduce(0) { $0 + $1.numWrites }), .int(stats.reduce(0) { $0 + $1.numDeletes }),
                            .int(Int64(metadata.partitionToReplaceFileIds.values.reduce(0) { $0 + $1.count }))]
                } else {
                    row += [.null, .null, .null, .null, .null]
                }
                rows.append(row)
            }
            let columns = schema.fields.indices.map { i in Vector(type: schema.fields[i].type, values: rows.map { $0[i] }) }
            text.append(Batch(schema: schema, columns: columns, count: rows.count))
            TableCLI.write(text.render())
        }
    }
}
