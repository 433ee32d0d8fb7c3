import Foundation
import Testing
@testable import TableFormat

/// The Avro records of clean, rollback, savepoint and restore instants: what we write reads back equal, parses
/// in fastavro (so the writer schemas are valid Avro), and Java-written records decode.
@Suite("Timeline records")
struct TimelineRecordTests {
    static let info = HoodieInstantInfo(commitTime: "20240101000000001", action: "commit")
    static let rollback = HoodieRollbackMetadata(
        startRollbackTime: "20240101000000009", timeTakenInMillis: 12, commitsRollback: [info],
        partitionMetadata: ["p=1": .init(partitionPath: "p=1", successDeleteFiles: ["file:///t/p=1/a_0-1-1_20240101000000001.parquet"],
                                         failedDeleteFiles: [])])

    /// One sample of every record type, with a field fastavro must return to prove it decoded the values.
    static let samples: [(String, any HoodieAvroRecord, String, String)] = [
        ("rollback plan", HoodieRollbackPlan(instantToRollback: info, rollbackRequests: [
            .init(partitionPath: "p=1", filesToBeDeleted: ["file:///t/p=1/a_0-1-1_20240101000000001.parquet"])]),
         "RollbackRequests", #"[{"partitionPath": "p=1", "fileId": "", "latestBaseInstant": "", "filesToBeDeleted": ["file:///t/p=1/a_0-1-1_20240101000000001.parquet"], "logBlocksToBeDeleted": {}}]"#),
        ("rollback metadata", rollback, "commitsRollback", #"["20240101000000001"]"#),
        ("cleaner plan", HoodieCleanerPlan(
            earliestInstantToRetain: .init(timestamp: "20240101000000005", action: "commit", state: "COMPLETED"),
            lastCompletedCommitTimestamp: "20240101000000008", policy: "KEEP_LATEST_COMMITS",
            filePathsToBeDeletedPerPartition: ["": ["memory://m/a_0-1-1_20240101000000001.parquet"]],
            extraMetadata: ["hoodie.cleaner.commits.retained": "3"]),
         "earliestInstantToRetain", #"{"timestamp": "20240101000000005", "action": "commit", "state": "COMPLETED"}"#),
        ("clean metadata", HoodieCleanMetadata(
            policy: "KEEP_LATEST_COMMITS", startCleanTime: "20240101000000009", timeTakenInMillis: 3,
            earliestCommitToRetain: "20240101000000005", lastCompletedCommitTimestamp: "20240101000000008",
            partitionMetadata: ["": .init(partitionPath: "", policy: "KEEP_LATEST_COMMITS", deletePathPatterns: ["a.parquet"],
                                          successDeleteFiles: ["a.parquet"], failedDeleteFiles: [])],
            extraMetadata: ["hoodie.cleaner.commits.retained": "3"]),
         "totalFilesDeleted", "1"),
        ("savepoint metadata", HoodieSavepointMetadata(savepointedBy: "me", savepointedAt: 1_700_000_000_000, comments: "c",
                                                       partitionMetadata: ["p=1": ["a.parquet", "b.parquet"]]),
         "partitionMetadata", #"{"p=1": {"partitionPath": "p=1", "savepointDataFile": ["a.parquet", "b.parquet"]}}"#),
        ("restore plan", HoodieRestorePlan(instantsToRollback: [info], savepointToRestoreTimestamp: "20240101000000000"),
         "savepointToRestoreTimestamp", #""20240101000000000""#),
        ("restore metadata", HoodieRestoreMetadata(startRestoreTime: "20240101000000009", timeTakenInMillis: 5, rollbacks: [(info, rollback)]),
         "instantsToRollback", #"["20240101000000001"]"#),
    ]

    @Test("every record reads back equal through our decoder")
    func roundTrip() throws {
        func check<R: HoodieAvroRecord & Equatable>(_ record: R) throws {
            #expect(try R(bytes: record.serialized(), instant: "t") == record)
        }
        try check(Self.samples[0].1 as! HoodieRollbackPlan)
        try check(Self.samples[1].1 as! HoodieRollbackMetadata)
        try check(Self.samples[2].1 as! HoodieCleanerPlan)
        try check(Self.samples[3].1 as! HoodieCleanMetadata)
        try check(Self.samples[4].1 as! HoodieSavepointMetadata)
        try check(Self.samples[5].1 as! HoodieRestorePlan)
        try check(Self.samples[6].1 as! HoodieRestoreMetadata)
    }

    @Test("fastavro parses every writer schema and decodes the values", .enabled(if: AvroPython.python != nil))
    func fastavro() throws {
        for (label, record, field, json) in Self.samples {
            let read = try #require(try AvroPython.read(try record.serialized()) as? [String: Any], "\(label)")
            let first = try #require((read["records"] as? [[String: Any]])?.first, "\(label)")
            let expected = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
            #expect(NSDictionary(dictionary: ["v": first[field] ?? NSNull()]) == NSDictionary(dictionary: ["v": expected]), "\(label).\(field)")
        }
    }

    @Test("Java-written rollback plans and metadata decode", .enabled(if: HudiCorpus.available))
    func javaRecords() throws {
        let path = try HudiCorpus.unzip("sample_table_mor_parquet_v6_nonpartitioned_rollback")
        let dir = path.appendingPathComponent(".hoodie")
        let plan = try HoodieRollbackPlan(bytes: Array(try Data(contentsOf: dir.appendingPathComponent("20250126040936578.rollback.requested"))),
                                          instant: "requested")
        #expect(plan.instantToRollback == HoodieInstantInfo(commitTime: "20250126040826878", action: "deltacommit"))
        #expect(plan.rollbackRequests.count == 2)
        #expect(plan.rollbackRequests[0].filesToBeDeleted.first?.hasSuffix("_20250126040826878.parquet") == true)
        let metadata = try HoodieRollbackMetadata(bytes: Array(try Data(contentsOf: dir.appendingPathComponent("20250126040936578.rollback"))),
                                                  instant: "completed")
        #expect(metadata.commitsRollback == ["20250126040826878"] && metadata.totalFilesDeleted == 1)
        #expect(metadata.partitionMetadata[""]?.successDeleteFiles.count == 1)
        #expect(metadata.instantsRollback.map(\.action) == ["deltacommit"])
    }

    @Test("corrupt or wrong records throw, naming the instant")
    func corrupt() throws {
        let bytes = try Self.samples[1].1.serialized()
        let error = #expect(throws: TableFormatError.self) { _ = try HoodieCleanMetadata(bytes: bytes, instant: "x.clean") }
        #expect(error?.message.contains("x.clean") == true)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: TableFormatError.self) { _ = try HoodieRollbackMetadata(bytes: Array(bytes[0..<cut]), instant: "cut") }
        }
    }
}
