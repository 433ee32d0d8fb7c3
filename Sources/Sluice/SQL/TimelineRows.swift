import Columnar
import SQLPlanner
import TableFormat

/// A SQL table backed by a Hudi table, whose timeline the shell's `.timeline` shows.
public protocol HudiTableBacked {
    var table: HudiTable { get }
}

/// A Hudi table's timeline as rows: each instant's times, action and state, and for completed writes the
/// operation and the files, records written and deleted, and file groups replaced.
public enum TimelineRows {
    public static let schema = Schema([
        Field("requested", .string), Field("completed", .string), Field("action", .string), Field("state", .string),
        Field("operation", .string), Field("files", .int64), Field("writes", .int64), Field("deletes", .int64),
        Field("replaced", .int64),
    ])

    public static func result(_ table: HudiTable) throws -> QueryResult {
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
        return QueryResult(schema: schema, batches: rows.isEmpty ? [] : [Batch(schema: schema, columns: columns, count: rows.count)])
    }
}
