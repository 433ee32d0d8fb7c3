import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Rollback", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
struct RollbackTests {
    @Test("a failed write is rolled back: its files and instant go, a rollback instant records them, rows unchanged",
          arguments: MaintenanceFixtures.tables)
    func rollsBackFailedWrite(_ name: String) throws {
        for (label, store, folder) in try MaintenanceFixtures.stores(name) {
            let before = try HudiTable.open(store: store, path: "")
            let rows = try MaintenanceFixtures.rows(before.snapshot())
            let failed = try MaintenanceFixtures.failedWrite(before)
            let dirty = try HudiTable.open(store: store, path: "")
            #expect(dirty.timeline.pendingInstants.map(\.requestedTime) == [failed.time])
            #expect(try MaintenanceFixtures.rows(dirty.snapshot()) == rows, "\(label): uncommitted files are invisible")

            let metadata = try dirty.rollback(instantTime: failed.time)
            #expect(metadata.commitsRollback == [failed.time])
            #expect(metadata.instantsRollback == [HoodieInstantInfo(commitTime: failed.time, action: "commit")])
            #expect(Int(metadata.totalFilesDeleted) == failed.keys.count)
            let deleted = metadata.partitionMetadata.values.flatMap(\.successDeleteFiles).map { $0.split(separator: "/").last.map(String.init) ?? "" }
            #expect(Set(deleted) == Set(failed.keys.map { $0.split(separator: "/").last.map(String.init) ?? "" }))
            for key in failed.keys { #expect(try !store.exists(key), "\(label): \(key) deleted") }

            let after = try HudiTable.open(store: store, path: "")
            #expect(!after.timeline.instants.contains { $0.requestedTime == failed.time }, "\(label): failed instant removed")
            let rollbacks = after.timeline.instants.filter { $0.action == .rollback }
            #expect(rollbacks.count == 1 && rollbacks.first?.isCompleted == true)
            #expect(try MaintenanceFixtures.rows(after.snapshot()) == rows)

            // The timeline files decode: the plan names the files, the completed metadata matches what we returned.
            let rollback = try #require(rollbacks.first)
            let stored = try HoodieRollbackMetadata(bytes: try after.readTimelineFile(rollback), instant: rollback.fileName)
            #expect(stored == metadata)
            let plan = try HoodieRollbackPlan(bytes: try after.readTimelineFile(
                HoodieInstant(requestedTime: rollback.requestedTime, action: .rollback, state: .requested,
                              layoutVersion: after.timeline.layoutVersion)), instant: "plan")
            #expect(plan.instantToRollback.commitTime == failed.time)
            #expect(plan.rollbackRequests.flatMap(\.filesToBeDeleted).count == failed.keys.count)
            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "\(name) after rollback")
                if AvroPython.python != nil {
                    let read = try AvroPython.read(try after.readTimelineFile(rollback)) as? [String: Any]
                    let record = (read?["records"] as? [[String: Any]])?.first
                    #expect(record?["commitsRollback"] as? [String] == [failed.time], "fastavro reads the rollback metadata")
                }
            }
        }
    }

    @Test("rollbackFailedWrites skips writers with a live heartbeat and instants newer than the caller",
          arguments: MaintenanceFixtures.tables)
    func heartbeats(_ name: String) throws {
        for (label, store, _) in try MaintenanceFixtures.stores(name) {
            let table = try HudiTable.open(store: store, path: "")
            let dead = try MaintenanceFixtures.failedWrite(table)
            let live = try MaintenanceFixtures.failedWrite(try HudiTable.open(store: store, path: ""))
            let newer = try MaintenanceFixtures.failedWrite(try HudiTable.open(store: store, path: ""))
            let heartbeat = HoodieHeartbeat(store: store, basePath: "")
            // `dead` never beat (or its writer died before the first beat); `live` beat a second ago.
            try heartbeat.beat(live.time)
            let now = try #require(try heartbeat.lastBeat(live.time)).addingTimeInterval(1)
            #expect(try heartbeat.isExpired(dead.time, now: now) && !heartbeat.isExpired(live.time, now: now))
            #expect(try heartbeat.isExpired(live.time, now: now.addingTimeInterval(HoodieHeartbeat.defaultTimeout)))
            let done = try HudiTable.open(store: store, path: "").rollbackFailedWrites(olderThan: newer.time, now: now)
            #expect(done.map(\.commitsRollback) == [[dead.time]], "\(label)")
            let after = try HudiTable.open(store: store, path: "")
            #expect(Set(after.timeline.pendingInstants.map(\.requestedTime)) == [live.time, newer.time])
            #expect(try store.exists(heartbeat.key(live.time)), "\(label): a live writer's heartbeat stays")
        }
    }

    @Test("a rollback interrupted after its plan was written is finished by the next rollbackFailedWrites")
    func resumesPendingRollback() throws {
        for (label, store, _) in try MaintenanceFixtures.stores(MaintenanceFixtures.tables[0]) {
            let table = try HudiTable.open(store: store, path: "")
            let failed = try MaintenanceFixtures.failedWrite(table)
            let dirty = try HudiTable.open(store: store, path: "")
            let target = try #require(dirty.timeline.pendingInstants.first)
            let writer = try HoodieTimelineWriter(store: store, basePath: "", config: dirty.config)
            _ = try writer.createRequested(action: .rollback, time: writer.newInstantTime(after: dirty.timeline),
                                           content: try dirty.rollbackPlan(for: target).serialized())
            // The heartbeat of the failed write is fresh, but the pending rollback is finished regardless.
            try HoodieHeartbeat(store: store, basePath: "").beat(failed.time)
            let done = try HudiTable.open(store: store, path: "").rollbackFailedWrites()
            #expect(done.count == 1 && done.first?.commitsRollback == [failed.time], "\(label)")
            let after = try HudiTable.open(store: store, path: "")
            #expect(after.timeline.pendingInstants.isEmpty)
            for key in failed.keys { #expect(try !store.exists(key)) }
        }
    }

    @Test("completed and unknown instants are refused")
    func refusals() throws {
        let (_, store, _) = try MaintenanceFixtures.stores(MaintenanceFixtures.tables[0])[1]
        let table = try HudiTable.open(store: store, path: "")
        let completed = try #require(table.timeline.latestCompletedCommit)
        let error = #expect(throws: TableFormatError.self) { try table.rollback(instantTime: completed.requestedTime) }
        #expect(error?.message.contains("completed") == true)
        #expect(throws: TableFormatError.self) { try table.rollback(instantTime: "20000101000000000") }
    }
}
