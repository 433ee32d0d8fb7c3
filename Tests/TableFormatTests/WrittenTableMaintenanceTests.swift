import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// Table services on tables Sluice's write client wrote, where every commit changes rows: cleaning, savepoints,
/// restore, rollback and conflict detection keep the rows of every retained instant, and hudi-rs agrees.
@Suite("Maintenance of written tables")
struct WrittenTableMaintenanceTests {
    typealias F = WriteFixtures

    /// A store (LocalStore in a fresh folder, or a MemoryStore) and the folder hudi-rs can read, if any.
    static func stores(_ label: String) throws -> [(store: any ObjectStore, folder: URL?)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-maint-written-\(label)-\(UUID().uuidString.prefix(8))")
        return [(try LocalStore(root: folder.path), folder), (MemoryStore(name: "maint-\(label)"), nil)]
    }

    /// Seven commits: insert, two upserts, delete, upsert, insert_overwrite of nyc, upsert. Returns the instant
    /// times and the rows as of each.
    static func history(_ store: any ObjectStore, version: Int) throws -> (times: [String], rows: [String: [String]]) {
        _ = try HudiTable.create(store: store, path: "", options: F.options(version: version, partitioned: true))
        let client = HudiWriteClient(store: store, basePath: "")
        let writes: [([(Int64, String?, Int64, String)], WriteOperationType)] = [
            ([(1, "a", 10, "sf"), (2, "b", 10, "sf"), (3, "c", 10, "nyc"), (4, "d", 10, "la")], .insert),
            ([(2, "b2", 12, "sf"), (5, "e", 11, "nyc")], .upsert),
            ([(3, "c2", 13, "nyc"), (4, "d2", 13, "la")], .upsert),
            ([(1, "a", 20, "sf")], .delete),
            ([(2, "b3", 21, "sf")], .upsert),
            ([(6, "f", 22, "nyc")], .insertOverwrite),
            ([(4, "d3", 23, "la"), (7, "g", 23, "sf")], .upsert),
        ]
        var times: [String] = []
        var rows: [String: [String]] = [:]
        for (batch, operation) in writes {
            let result = try client.write([F.batch(batch)], operation: operation)
            times.append(result.instant.requestedTime)
            rows[result.instant.requestedTime] = try MaintenanceFixtures.rows(try HudiTable.open(store: store, path: "").snapshot())
        }
        return (times, rows)
    }

    @Test("clean keeps every retained instant's rows and refuses older ones; later writes work", arguments: [6, 8])
    func clean(version: Int) throws {
        for (store, folder) in try Self.stores("clean-v\(version)") {
            let (times, rows) = try Self.history(store, version: version)
            let table = try HudiTable.open(store: store, path: "")
            let metadata = try #require(try table.clean(commitsRetained: 3))
            #expect(metadata.earliestCommitToRetain == times[4])
            #expect(metadata.totalFilesDeleted > 0)
            let cleaned = try HudiTable.open(store: store, path: "")
            for time in times[4...] { #expect(try MaintenanceFixtures.rows(cleaned.snapshot(asOf: time)) == rows[time], "as of \(time)") }
            for time in times[..<4] { #expect(throws: TableFormatError.self, "as of \(time)") { _ = try cleaned.snapshot(asOf: time) } }
            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "written v\(version) after clean") { time in
                    (try? cleaned.requireNotCleaned(cleaned.instantTime(time))) == nil
                }
            }
            // The write client goes on over a timeline with a clean instant.
            try HudiWriteClient(store: store, basePath: "").write([F.batch([(8, "h", 30, "la")])], operation: .upsert)
            let after = try MaintenanceFixtures.rows(try HudiTable.open(store: store, path: "").snapshot())
            #expect(after.count == (rows[times[6]]?.count ?? 0) + 1)
            #expect(try HudiTable.open(store: store, path: "").clean(commitsRetained: 3) != nil)
        }
    }

    @Test("savepoint survives clean; restore to it brings back its rows; writes continue", arguments: [6, 8])
    func savepointRestore(version: Int) throws {
        for (store, folder) in try Self.stores("savepoint-v\(version)") {
            let (times, rows) = try Self.history(store, version: version)
            try HudiTable.open(store: store, path: "").savepoint(instantTime: times[2])
            let cleaned = try #require(try HudiTable.open(store: store, path: "").clean(commitsRetained: 2))
            #expect(cleaned.earliestCommitToRetain == times[5])
            let table = try HudiTable.open(store: store, path: "")
            #expect(try MaintenanceFixtures.rows(table.snapshot(asOf: times[2])) == rows[times[2]])
            #expect(throws: TableFormatError.self) { _ = try table.snapshot(asOf: times[3]) }

            let restore = try table.restoreToSavepoint(instantTime: times[2])
            #expect(restore.instantsToRollback == times[3...].reversed())
            let restored = try HudiTable.open(store: store, path: "")
            #expect(try MaintenanceFixtures.rows(restored.snapshot()) == rows[times[2]])
            #expect(restored.timeline.completedCommits.map(\.requestedTime) == Array(times[...2]))
            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "written v\(version) after restore") { time in
                    (try? restored.requireNotCleaned(restored.instantTime(time))) == nil
                }
            }
            try HudiWriteClient(store: store, basePath: "").write([F.batch([(2, "b9", 40, "sf")])], operation: .upsert)
            let after = try HudiTable.open(store: store, path: "")
            #expect(try MaintenanceFixtures.rows(after.snapshot()).count == rows[times[2]]?.count)
            if let folder { try MaintenanceFixtures.compareWithHudiRs(folder, label: "written v\(version) write after restore") { time in
                (try? after.requireNotCleaned(after.instantTime(time))) == nil
            } }
        }
    }

    @Test("a failed write is rolled back before the next write", arguments: [6, 8])
    func rollback(version: Int) throws {
        for (store, folder) in try Self.stores("rollback-v\(version)") {
            let (times, rows) = try Self.history(store, version: version)
            let failed = try MaintenanceFixtures.failedWrite(try HudiTable.open(store: store, path: ""))
            let done = try HudiTable.open(store: store, path: "").rollbackFailedWrites()
            #expect(done.map(\.commitsRollback) == [[failed.time]])
            #expect(try MaintenanceFixtures.rows(try HudiTable.open(store: store, path: "").snapshot()) == rows[times[6]])
            try HudiWriteClient(store: store, basePath: "").write([F.batch([(9, "i", 50, "sf")])], operation: .insert)
            if let folder { try MaintenanceFixtures.compareWithHudiRs(folder, label: "written v\(version) after rollback") }
        }
    }

    @Test("a commit that completed after a writer started and touched its file group is a conflict")
    func conflicts() throws {
        for (store, _) in try Self.stores("conflict") {
            _ = try Self.history(store, version: 6)
            let start = try HudiTable.open(store: store, path: "")
            let slices = try start.latestFileSlices()
            let sf = try #require(slices.first { $0.partitionPath == "sf" })
            let la = try #require(slices.first { $0.partitionPath == "la" })
            // Another writer upserts into sf while "we" work on sf and la.
            let other = try HudiWriteClient(store: store, basePath: "").write([F.batch([(2, "x", 60, "sf")])], operation: .upsert)
            let now = try HudiTable.open(store: store, path: "")
            let error = #expect(throws: TableFormatError.self) {
                try now.checkConflicts(startTimeline: start.timeline, ownInstant: nil,
                                       fileGroups: [.init(partitionPath: "sf", fileId: sf.fileId), .init(partitionPath: "la", fileId: la.fileId)])
            }
            #expect(error?.code == .conflict)
            #expect(error?.message == "Transaction Error: conflict with instant \(other.instant.requestedTime) (commit) on file group \(sf.fileId) in partition sf")
            try now.checkConflicts(startTimeline: start.timeline, ownInstant: nil, fileGroups: [.init(partitionPath: "la", fileId: la.fileId)])
        }
    }
}
