import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Savepoint and restore", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
struct SavepointRestoreTests {
    @Test("restore to a commit removes every later commit, replacecommit and failed write; hudi-rs agrees",
          arguments: MaintenanceFixtures.tables)
    func restores(_ name: String) throws {
        for (label, store, folder) in try MaintenanceFixtures.stores(name) {
            let start = try HudiTable.open(store: store, path: "")
            let target = try #require(start.timeline.latestCompletedCommit?.requestedTime)
            let original = start.timeline.completedCommits.map(\.requestedTime)
            let rows = try MaintenanceFixtures.rows(start.snapshot())
            let replace = try MaintenanceFixtures.replaceCommit(store)
            let extra = try MaintenanceFixtures.extraCommit(store)
            let changed = try HudiTable.open(store: store, path: "")
            #expect(try MaintenanceFixtures.rows(changed.snapshot()).count < rows.count, "\(label): the replacecommit dropped rows")
            let failed = try MaintenanceFixtures.failedWrite(changed)

            let metadata = try HudiTable.open(store: store, path: "").restore(to: target)
            #expect(metadata.instantsToRollback == [failed.time, extra, replace.time], "\(label): newest first")
            #expect(metadata.restoreInstantInfo.map(\.action) == ["commit", "commit", "replacecommit"])
            let restored = try HudiTable.open(store: store, path: "")
            #expect(restored.timeline.completedCommits.map(\.requestedTime) == original)
            #expect(restored.timeline.pendingInstants.isEmpty)
            let restore = try #require(restored.timeline.completedInstants.first { $0.action == .restore })
            #expect(try HoodieRestoreMetadata(bytes: restored.readTimelineFile(restore), instant: restore.fileName) == metadata)
            #expect(try MaintenanceFixtures.rows(restored.snapshot()) == rows, "\(label): the replaced group is live again")
            for key in failed.keys { #expect(try !store.exists(key)) }
            #expect(try restored.fileSystemView().fileGroups.values.flatMap(\.slices).allSatisfy { $0.baseInstantTime <= target })
            if let folder { try MaintenanceFixtures.compareWithHudiRs(folder, label: "\(name) after restore") }

            #expect(throws: TableFormatError.self) { try restored.restore(to: "20000101000000000") }
        }
    }

    @Test("a savepoint keeps its files through a clean, stays readable, and is restored to; hudi-rs agrees",
          arguments: MaintenanceFixtures.tables)
    func savepoints(_ name: String) throws {
        for (label, store, folder) in try MaintenanceFixtures.stores(name) {
            let saved = try MaintenanceFixtures.extraCommit(store)
            let table = try HudiTable.open(store: store, path: "")
            let rows = try MaintenanceFixtures.rows(table.snapshot(asOf: saved))
            let savedFiles = try table.latestFileSlices(asOf: saved).map(\.baseFile)
            let metadata = try table.savepoint(instantTime: saved, user: "test", comment: "before the overwrite")
            #expect(metadata.files == Set(savedFiles.map(CleanPlanner.savepointName)))
            let again = #expect(throws: TableFormatError.self) { try HudiTable.open(store: store, path: "").savepoint(instantTime: saved) }
            #expect(again?.message.contains("already savepointed") == true)

            _ = try MaintenanceFixtures.replaceCommit(store)
            let later = try (0..<2).map { _ in try MaintenanceFixtures.extraCommit(store) }
            let cleaned = try #require(try HudiTable.open(store: store, path: "").clean(commitsRetained: 1))
            #expect(cleaned.earliestCommitToRetain == later[1])
            for file in savedFiles { #expect(try store.exists(file.key), "\(label): savepointed \(file.fileName) kept") }

            let table2 = try HudiTable.open(store: store, path: "")
            #expect(table2.savepointedInstants() == [saved])
            #expect(try MaintenanceFixtures.rows(table2.snapshot(asOf: saved)) == rows, "\(label): savepoint readable after clean")
            #expect(throws: TableFormatError.self) { _ = try table2.snapshot(asOf: later[0]) }
            #expect(throws: TableFormatError.self) { try table2.savepoint(instantTime: later[0]) }
            #expect(throws: TableFormatError.self) { try table2.restore(to: later[0]) }
            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "\(name) savepoint after clean") { time in
                    (try? table2.requireNotCleaned(table2.instantTime(time))) == nil
                }
            }

            let restore = try table2.restoreToSavepoint(instantTime: saved)
            #expect(restore.instantsToRollback.count == 3)
            let restored = try HudiTable.open(store: store, path: "")
            #expect(restored.timeline.completedCommits.last?.requestedTime == saved)
            #expect(try MaintenanceFixtures.rows(restored.snapshot()) == rows)
            #expect(restored.savepointedInstants() == [saved])
            let plan = try HoodieRestorePlan(bytes: restored.readTimelineFile(HoodieInstant(
                requestedTime: try #require(restored.timeline.instants.last { $0.action == .restore }).requestedTime,
                action: .restore, state: .requested, layoutVersion: restored.timeline.layoutVersion)), instant: "plan")
            #expect(plan.savepointToRestoreTimestamp == saved)
            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "\(name) after restore to savepoint") { time in
                    (try? restored.requireNotCleaned(restored.instantTime(time))) == nil
                }
            }

            try restored.deleteSavepoint(instantTime: saved)
            let dropped = try HudiTable.open(store: store, path: "")
            #expect(dropped.savepointedInstants().isEmpty)
            #expect(!dropped.timeline.instants.contains { $0.action == .savepoint })
            #expect(throws: TableFormatError.self) { try dropped.deleteSavepoint(instantTime: saved) }
            #expect(throws: TableFormatError.self) { try dropped.restoreToSavepoint(instantTime: saved) }
        }
    }

    @Test("restore refuses to run under a live writer")
    func liveWriter() throws {
        for (label, store, _) in try MaintenanceFixtures.stores(MaintenanceFixtures.tables[0]) {
            let table = try HudiTable.open(store: store, path: "")
            let target = try #require(table.timeline.latestCompletedCommit?.requestedTime)
            let pending = try MaintenanceFixtures.failedWrite(table)
            let heartbeat = HoodieHeartbeat(store: store, basePath: "")
            try heartbeat.beat(pending.time)
            let error = #expect(throws: TableFormatError.self) { try HudiTable.open(store: store, path: "").restore(to: target) }
            #expect(error?.code == .conflict && error?.message.contains(pending.time) == true, "\(label)")
            #expect(try store.exists(pending.keys[0]), "\(label): nothing deleted")
            try heartbeat.stop(pending.time)
            let metadata = try HudiTable.open(store: store, path: "").restore(to: target)
            #expect(metadata.instantsToRollback == [pending.time])
        }
    }
}
