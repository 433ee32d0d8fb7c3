import ArgumentParser
import Foundation
import Sluice

/// `sluice table rollback URI [--instant T] [--force]`: rolls back failed writes (pending write instants whose
/// writer is gone), or one pending instant. Completed commits are undone with `table restore`.
struct TableRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Roll back failed (pending) writes; completed commits need `table restore`.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(help: "Roll back this pending instant only.") var instant: String?
    @Flag(help: "Ignore writer heartbeats: roll back every pending write. Only when no writer is running.") var force = false

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            let done = try instant.map { [try table.rollback(instantTime: $0)] }
                ?? table.rollbackFailedWrites(heartbeatTimeout: force ? 0 : HoodieHeartbeat.defaultTimeout)
            for rollback in done {
                TableCLI.write("rolled back \(rollback.commitsRollback.joined(separator: ", ")): \(rollback.totalFilesDeleted) file(s) deleted\n")
            }
            if done.isEmpty { TableCLI.write("nothing to roll back\n") }
        }
    }
}

/// `sluice table restore URI --to T`: undoes every commit after T (Hudi's restore action).
struct TableRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Undo every commit after an instant (or a savepoint).")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(help: "The instant to restore the table to.") var to: String

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            let restore = try table.savepoints()[to] != nil ? table.restoreToSavepoint(instantTime: to) : table.restore(to: to)
            TableCLI.write("restored to \(to): rolled back \(restore.instantsToRollback.count) instant(s)\n")
        }
    }
}

/// `sluice table clean URI [--retain N]`: deletes file slices older than the latest N commits (Hudi's
/// KEEP_LATEST_COMMITS); savepointed slices stay.
struct TableCleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Delete file slices older than the latest N commits.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(help: "Commits whose file slices are kept (hoodie.cleaner.commits.retained).") var retain = CleanPlanner.defaultCommitsRetained

    func run() throws {
        try TableCLI.run(uri) {
            guard retain >= 1 else { throw ValidationError("--retain must be at least 1") }
            if let clean = try TableCLI.open(uri).clean(commitsRetained: retain) {
                TableCLI.write("cleaned: \(clean.totalFilesDeleted) file(s) deleted; earliest commit retained \(clean.earliestCommitToRetain)\n")
            } else {
                TableCLI.write("nothing to clean (retaining the latest \(retain) commits)\n")
            }
        }
    }
}

/// `sluice table savepoint URI --instant T [--delete]`: keeps a completed instant restorable through cleans.
struct TableSavepointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "savepoint", abstract: "Create, delete or list savepoints.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String
    @Option(help: "The completed instant to savepoint; without it, list the savepoints.") var instant: String?
    @Flag(help: "Delete the savepoint instead.") var delete = false
    @Option(help: "A comment stored with the savepoint.") var comment = ""

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            guard let instant else {
                for time in try table.savepoints().keys.sorted() { TableCLI.write("\(time)\n") }
                return
            }
            if delete {
                try table.deleteSavepoint(instantTime: instant)
                TableCLI.write("deleted savepoint \(instant)\n")
            } else {
                _ = try table.savepoint(instantTime: instant, comment: comment)
                TableCLI.write("savepoint \(instant) created\n")
            }
        }
    }
}
