import Columnar
import SQLPlanner
import TableFormat

/// The procedures that change a table: rollback_to_instant, create_savepoint, delete_savepoint,
/// rollback_to_savepoint and run_clean, each one TableFormat table service.
extension HudiProcedures {
    /// A pending write is rolled back; a completed commit must be the latest, and is undone by restoring the
    /// commit before it (Hudi refuses to roll back a commit that later commits build on).
    func rollbackToInstant(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("rollback_to_instant", [.required("table"), .required("instant_time")], arguments)
        let table = try table(args)
        let time = try table.instantTime(try args.requiredString("instant_time"))
        let commits = table.timeline.completedCommits.sorted { $0.requestedTime < $1.requestedTime }
        guard let index = commits.firstIndex(where: { $0.requestedTime == time }) else {
            try table.rollback(instantTime: time)
            return Self.outcome("rollback_result")
        }
        guard index == commits.count - 1 else {
            throw PlannerError(.binder, "rollback_to_instant: commit \(time) is not the latest (\(commits[commits.count - 1].requestedTime)); roll back the later commits first")
        }
        guard index > 0 else {
            throw PlannerError(.notSupported, "rollback_to_instant: \(time) is the table's only commit; there is no commit to restore to")
        }
        try table.restore(to: commits[index - 1].requestedTime)
        return Self.outcome("rollback_result")
    }

    func createSavepoint(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("create_savepoint",
            [.required("table"), .required("commit_time"), .optional("user"), .optional("comments")], arguments)
        try table(args).savepoint(instantTime: try args.requiredString("commit_time"), user: try args.string("user") ?? "",
                                  comment: try args.string("comments") ?? "")
        return Self.outcome("create_savepoint_result")
    }

    func deleteSavepoint(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("delete_savepoint", [.required("table"), .required("instant_time")], arguments)
        try table(args).deleteSavepoint(instantTime: try args.requiredString("instant_time"))
        return Self.outcome("delete_savepoint_result")
    }

    func rollbackToSavepoint(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("rollback_to_savepoint", [.required("table"), .required("instant_time")], arguments)
        try table(args).restoreToSavepoint(instantTime: try args.requiredString("instant_time"))
        return Self.outcome("rollback_savepoint_result")
    }

    /// KEEP_LATEST_COMMITS with `retain_commits` (Hudi's default 10); no row when there was nothing to clean.
    func runClean(_ arguments: TableFunctionArguments) throws -> QueryResult {
        let args = try ProcedureArguments("run_clean", [.required("table"), .optional("skip_locking"),
            .optional("schedule_in_line"), .optional("clean_policy"), .optional("retain_commits")], arguments)
        if let policy = try args.string("clean_policy"), policy.uppercased() != "KEEP_LATEST_COMMITS" {
            throw PlannerError(.notSupported, "run_clean: clean_policy \(policy); Sluice cleans by KEEP_LATEST_COMMITS")
        }
        let retained = try args.int("retain_commits", default: CleanPlanner.defaultCommitsRetained)
        guard retained >= 1 else { throw PlannerError(.binder, "run_clean: retain_commits must be at least 1") }
        let fields = [Field("start_clean_time", .string), Field("time_taken_in_millis", .int64),
                      Field("total_files_deleted", .int32), Field("earliest_commit_to_retain", .string),
                      Field("bootstrap_part_metadata", .string), Field("version", .int32)]
        guard let metadata = try table(args).clean(commitsRetained: retained) else { return Self.result(fields, []) }
        return Self.result(fields, [[.string(metadata.startCleanTime), .int(metadata.timeTakenInMillis),
            .int(Int64(metadata.totalFilesDeleted)), .string(metadata.earliestCommitToRetain), .string("{}"),
            .int(Int64(metadata.version))]])
    }
}
