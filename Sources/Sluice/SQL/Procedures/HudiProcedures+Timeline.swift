import Columnar
import SQLPlanner
import TableFormat

/// The read-only procedures: show_commits, show_commit_files, show_file_groups (Hudi's show_fsview_all),
/// show_savepoints.
extension HudiProcedures {
    func showCommits(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("show_commits", [.required("table"), .optional("limit")], arguments)
        let table = try table(args)
        let limit = try args.int("limit", default: 10)
        // Newest first by requested time, as Hudi sorts them.
        let commits = table.timeline.completedCommits.sorted { $0.requestedTime > $1.requestedTime }.prefix(limit)
        let rows: [[Value]] = try commits.map { instant in
            let stats = try table.commitMetadata(instant).writeStats
            let added = stats.filter { $0.prevCommit == nil }.count
            return [.string(instant.requestedTime), Self.text(instant.completionTime), .string(instant.action.rawValue),
                    .int(stats.reduce(0) { $0 + $1.totalWriteBytes }), .int(Int64(added)), .int(Int64(stats.count - added)),
                    .int(Int64(Set(stats.map(\.partitionPath)).count)), .int(stats.reduce(0) { $0 + $1.numWrites }),
                    .int(stats.reduce(0) { $0 + $1.numUpdateWrites }), .null]
        }
        return Self.result(Self.longs(["commit_time", "state_transition_time", "action"], ["total_bytes_written",
            "total_files_added", "total_files_updated", "total_partitions_written", "total_records_written",
            "total_update_records_written", "total_errors"]), rows)
    }

    func showCommitFiles(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("show_commit_files", [.required("table"), .optional("limit"), .required("instant_time")], arguments)
        let table = try table(args)
        let time = try table.instantTime(try args.requiredString("instant_time"))
        guard let instant = table.timeline.completedCommits.first(where: { $0.requestedTime == time }) else {
            throw PlannerError(.catalog, "show_commit_files: no completed commit \(time) on the timeline of '\(table.config.name)'")
        }
        let stats = try table.commitMetadata(instant).writeStats
            .sorted { ($0.partitionPath, $0.fileId) < ($1.partitionPath, $1.fileId) }.prefix(try args.int("limit", default: 10))
        let rows: [[Value]] = stats.map { stat in
            [.string(instant.action.rawValue), .string(stat.partitionPath), .string(stat.fileId), Self.text(stat.prevCommit),
             .int(stat.numUpdateWrites), .int(stat.numWrites), .int(stat.totalWriteBytes), .null, .int(stat.fileSizeInBytes)]
        }
        return Self.result(Self.longs(["action", "partition_path", "file_id", "previous_commit"], ["total_records_updated",
            "total_records_written", "total_bytes_written", "total_errors", "file_size"]), rows)
    }

    /// Every file slice of every file group (copy-on-write slices are base files only, so no delta files).
    func showFileGroups(_ name: String, _ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments(name, [.required("table"), .optional("limit")], arguments)
        let table = try table(args)
        let groups = try table.fileSystemView().fileGroups.values.sorted { ($0.id.partitionPath, $0.id.fileId) < ($1.id.partitionPath, $1.id.fileId) }
        var rows: [[Value]] = []
        for group in groups {
            for slice in group.slices.sorted(by: { $0.baseInstantTime > $1.baseInstantTime }) {
                rows.append([.string(slice.partitionPath), .string(slice.fileId), .string(slice.baseInstantTime),
                             .string(slice.baseFile.fileName), slice.baseFile.size.map { .int(Int64($0)) } ?? .null,
                             .int(0), .int(0), .string("")])
            }
        }
        return Self.result(Self.longs(["partition", "file_id", "base_instant", "data_file"], ["data_file_size",
            "num_delta_files", "total_delta_file_size"]) + [Field("delta_files", .string)],
            Array(rows.prefix(try args.int("limit", default: 10))))
    }

    func showSavepoints(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("show_savepoints", [.required("table")], arguments)
        let times = try table(args).savepoints().keys.sorted(by: >)
        return Self.result([Field("savepoint_time", .string)], times.map { [.string($0)] })
    }

    /// String columns, then BIGINT columns.
    static func longs(_ strings: [String], _ longs: [String]) -> [Field] {
        strings.map { Field($0, .string) } + longs.map { Field($0, .int64) }
    }
}
