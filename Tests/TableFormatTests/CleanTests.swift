import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Clean", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
struct CleanTests {
    static func slice(_ partition: String, _ fileId: String, _ time: String) throws -> FileSlice {
        let name = "\(fileId)_0-1-1_\(time).parquet"
        let file = try HoodieBaseFile(fileName: name, partitionPath: partition, key: partition.isEmpty ? name : partition + "/" + name)
        return FileSlice(partitionPath: partition, fileId: fileId, baseInstantTime: time, baseFile: file)
    }

    static func commit(_ time: String, _ action: HoodieInstant.Action = .commit) -> HoodieInstant {
        HoodieInstant(requestedTime: time, action: action, state: .completed, layoutVersion: 1)
    }

    @Test("planner: keeps the latest slice and the newest before the earliest commit to retain, drops replaced groups")
    func planner() throws {
        let times = (1...6).map { "2024010100000000\($0)" }
        let groupA = HoodieFileGroup(id: .init(partitionPath: "p", fileId: "a"), slices: try times.map { try Self.slice("p", "a", $0) })
        let groupB = HoodieFileGroup(id: .init(partitionPath: "p", fileId: "b"), slices: try [times[0], times[1]].map { try Self.slice("p", "b", $0) })
        let groupC = HoodieFileGroup(id: .init(partitionPath: "q", fileId: "c"), slices: try [times[0], times[2]].map { try Self.slice("q", "c", $0) })
        // Uncommitted slice of a failed write (time 7 is not a commit) is rollback's business.
        let failed = try Self.slice("p", "a", "20240101000000007")
        let commits = times.map { Self.commit($0) }
        func plan(_ retained: Int, pending: HoodieInstant? = nil, savepointed: Set<String> = []) throws -> [String: [String]] {
            let planner = try CleanPlanner(commitsRetained: retained, completedCommits: commits, earliestPendingWrite: pending,
                                           fileGroups: [HoodieFileGroup(id: groupA.id, slices: groupA.slices + [failed]), groupB, groupC],
                                           replacedBy: [groupC.id: times[3]], savepointedFiles: savepointed, timelineStart: times[0])
            return planner.filesToDelete().mapValues { $0.map { "\($0.fileId)@\($0.instantTime.suffix(1))" } }
        }
        // 6 commits, retain 3: ECTR = commit 4. a keeps 6 (latest) and 3 (newest before 4); b keeps 2 (latest and
        // newest before 4) and drops 1; c was replaced at 4, not before, so it keeps 3 and drops 1.
        #expect(try plan(3) == ["p": ["a@1", "a@2", "b@1"], "q": ["c@1"]])
        // Retain 2: ECTR = 5, c's replacement (4) is before it, so c goes entirely.
        #expect(try plan(2) == ["p": ["a@1", "a@2", "a@3", "b@1"], "q": ["c@1", "c@3"]])
        // A pending write at 2 pulls the ECTR back to 2: nothing before 1 to drop.
        #expect(try plan(2, pending: HoodieInstant(requestedTime: times[1], action: .commit, state: .inflight, layoutVersion: 1)) == [:])
        // Savepointed files stay.
        #expect(try plan(2, savepointed: ["p/a_0-1-1_\(times[0]).parquet", "q/c_0-1-1_\(times[2]).parquet"]) == ["p": ["a@2", "a@3", "b@1"], "q": ["c@1"]])
        // No more commits than retained: nothing.
        #expect(try plan(6) == [:] && plan(10) == [:])
        #expect(throws: TableFormatError.self) { _ = try plan(0) }
    }

    @Test("clean deletes slices older than the retained commits; time travel before them is refused; hudi-rs agrees",
          arguments: MaintenanceFixtures.tables)
    func cleans(_ name: String) throws {
        for (label, store, folder) in try MaintenanceFixtures.stores(name) {
            let original = try HudiTable.open(store: store, path: "").timeline.completedCommits.map(\.requestedTime)
            let extra = try (0..<3).map { _ in try MaintenanceFixtures.extraCommit(store) }
            let table = try HudiTable.open(store: store, path: "")
            let rows = try MaintenanceFixtures.rows(table.snapshot())
            let filesBefore = try table.fileSystemView().fileGroups.values.flatMap(\.slices).map(\.baseFile)

            let metadata = try #require(try table.clean(commitsRetained: 2))
            // Commits: original (2) + extra (3); retaining 2 makes extra[1] the earliest commit to retain, so every
            // slice older than extra[0] (the newest before it) is deleted, and nothing else.
            #expect(metadata.earliestCommitToRetain == extra[1], "\(label)")
            let expected = filesBefore.filter { $0.instantTime < extra[0] }.map(\.fileName).sorted()
            #expect(!expected.isEmpty)
            #expect(metadata.partitionMetadata.values.flatMap(\.successDeleteFiles).sorted() == expected, "\(label)")
            #expect(Int(metadata.totalFilesDeleted) == expected.count)
            for file in filesBefore { #expect(try store.exists(file.key) == (file.instantTime >= extra[0]), "\(label): \(file.key)") }

            let cleaned = try HudiTable.open(store: store, path: "")
            #expect(try MaintenanceFixtures.rows(cleaned.snapshot()) == rows)
            for time in extra[1...] { #expect(try MaintenanceFixtures.rows(cleaned.snapshot(asOf: time)) == rows) }
            for time in original + [extra[0]] {
                let error = #expect(throws: TableFormatError.self, "\(label) as of \(time)") { _ = try cleaned.snapshot(asOf: time) }
                #expect(error?.message.contains("instant \(time)") == true && error?.message.contains("was cleaned") == true)
                #expect(error?.message.contains("hoodie.cleaner.commits.retained=2") == true, "\(error?.message ?? "")")
                #expect(error?.message.contains("earliest instant still readable is \(extra[1])") == true)
            }
            // The timeline files decode with our reader and the plan lists what was deleted.
            let clean = try #require(cleaned.timeline.completedInstants.first { $0.action == .clean })
            #expect(try HoodieCleanMetadata(bytes: cleaned.readTimelineFile(clean), instant: clean.fileName) == metadata)
            let plan = try HoodieCleanerPlan(bytes: cleaned.readTimelineFile(
                HoodieInstant(requestedTime: clean.requestedTime, action: .clean, state: .requested, layoutVersion: cleaned.timeline.layoutVersion)),
                instant: "plan")
            #expect(plan.earliestInstantToRetain?.timestamp == extra[1] && plan.policy == "KEEP_LATEST_COMMITS")
            #expect(plan.filePathsToBeDeletedPerPartition.values.flatMap { $0 }.count == expected.count)
            // Nothing left to clean: no new instant.
            #expect(try cleaned.clean(commitsRetained: 2) == nil)
            #expect(try HudiTable.open(store: store, path: "").timeline.instants.filter { $0.action == .clean }.count == 1)

            if let folder {
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "\(name) after clean") { time in
                    (try? cleaned.requireNotCleaned(cleaned.instantTime(time))) == nil
                }
                if AvroPython.python != nil {
                    let read = try AvroPython.read(try cleaned.readTimelineFile(clean)) as? [String: Any]
                    let record = (read?["records"] as? [[String: Any]])?.first
                    #expect(record?["earliestCommitToRetain"] as? String == extra[1], "fastavro reads the clean metadata")
                }
            }
        }
    }

    @Test("replaced file groups are cleaned once their replacecommit is older than the retained commits")
    func replacedGroups() throws {
        for (label, store, folder) in try MaintenanceFixtures.stores("sample_table_cow_v6_simplekeygen_nonhivestyle_overwritetable") {
            let table = try HudiTable.open(store: store, path: "")
            let replace = try #require(table.timeline.completedCommits.last { $0.action == .replaceCommit })
            let replaced = try table.replacedFileGroups(asOf: replace.requestedTime)
            #expect(!replaced.isEmpty)
            let extra = try (0..<2).map { _ in try MaintenanceFixtures.extraCommit(store) }
            let rows = try MaintenanceFixtures.rows(try HudiTable.open(store: store, path: "").snapshot())
            let metadata = try #require(try HudiTable.open(store: store, path: "").clean(commitsRetained: 2))
            #expect(metadata.earliestCommitToRetain == extra[0])
            let view = try HudiTable.open(store: store, path: "").fileSystemView()
            for id in replaced { #expect(view.fileGroups[id] == nil, "\(label): replaced group \(id) deleted") }
            #expect(try MaintenanceFixtures.rows(try HudiTable.open(store: store, path: "").snapshot()) == rows)
            if let folder {
                let cleaned = try HudiTable.open(store: store, path: "")
                try MaintenanceFixtures.compareWithHudiRs(folder, label: "overwritetable after clean") { time in
                    (try? cleaned.requireNotCleaned(cleaned.instantTime(time))) == nil
                }
            }
        }
    }
}
