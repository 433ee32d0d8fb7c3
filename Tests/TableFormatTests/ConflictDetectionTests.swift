import Foundation
import Testing
@testable import TableFormat

@Suite("Conflict detection")
struct ConflictDetectionTests {
    static func instant(_ time: String, _ action: HoodieInstant.Action, _ state: HoodieInstant.State = .completed) -> HoodieInstant {
        HoodieInstant(requestedTime: time, action: action, state: state, layoutVersion: 1)
    }

    static func timeline(_ instants: [HoodieInstant]) -> HoodieActiveTimeline {
        HoodieActiveTimeline(instants: instants, directory: ".hoodie", layoutVersion: 1)
    }

    /// Layout-1 JSON commit metadata writing `written` and replacing `replaced` (partition, fileId pairs).
    static func metadata(written: [(String, String)], replaced: [(String, String)] = []) throws -> HoodieCommitMetadata {
        var stats: [String: [[String: Any]]] = [:]
        for (partition, fileId) in written {
            stats[partition, default: []].append(["fileId": fileId, "path": "\(partition)/\(fileId)_0-1-1_x.parquet", "partitionPath": partition,
                                                  "prevCommit": "null", "numWrites": 1])
        }
        var replacedIds: [String: [String]] = [:]
        for (partition, fileId) in replaced { replacedIds[partition, default: []].append(fileId) }
        let json = try JSONSerialization.data(withJSONObject: ["partitionToWriteStats": stats, "partitionToReplaceFileIds": replacedIds,
                                                               "operationType": "UPSERT"])
        return try HoodieCommitMetadata(bytes: Array(json), instant: "test")
    }

    static func id(_ partition: String, _ fileId: String) -> HoodieFileGroup.ID { .init(partitionPath: partition, fileId: fileId) }

    /// Timeline at our start: c1 completed, c2 pending. Now: c2 completed (touching a/f2), c3 completed (b/f3),
    /// r4 a replacecommit (replacing a/f4), our own instant 5 pending.
    static let start = timeline([instant("001", .commit), instant("002", .commit, .inflight), instant("005", .commit, .requested)])
    static let current = timeline([instant("001", .commit), instant("002", .commit), instant("003", .commit),
                                   instant("004", .replaceCommit), instant("005", .commit, .inflight), instant("006", .clean)])
    static let metadata: [String: HoodieCommitMetadata] = {
        [
            "001": try! ConflictDetectionTests.metadata(written: [("a", "f1"), ("a", "f2"), ("b", "f3")]),
            "002": try! ConflictDetectionTests.metadata(written: [("a", "f2")]),
            "003": try! ConflictDetectionTests.metadata(written: [("b", "f3")]),
            "004": try! ConflictDetectionTests.metadata(written: [("a", "f9")], replaced: [("a", "f4")]),
        ]
    }()

    func check(_ touched: Set<HoodieFileGroup.ID>) throws {
        let detection = ConflictDetection(startTimeline: Self.start, currentTimeline: Self.current, ownInstant: "005")
        try detection.check(touched: touched) { instant in
            guard let m = Self.metadata[instant.requestedTime] else { throw TableFormatError(.io, "no metadata for \(instant)") }
            return m
        }
    }

    @Test("candidates: write instants completed since the start, not our own, not table services")
    func candidates() {
        let detection = ConflictDetection(startTimeline: Self.start, currentTimeline: Self.current, ownInstant: "005")
        #expect(detection.candidates.map(\.requestedTime) == ["002", "003", "004"])
    }

    @Test("a file group written by a commit that completed after our start conflicts")
    func writtenAfterStart() throws {
        let error = #expect(throws: TableFormatError.self) { try check([Self.id("a", "f2")]) }
        #expect(error?.code == .conflict)
        #expect(error?.message == "Transaction Error: conflict with instant 002 (commit) on file group f2 in partition a")
        let other = #expect(throws: TableFormatError.self) { try check([Self.id("a", "f1"), Self.id("b", "f3")]) }
        #expect(other?.message == "Transaction Error: conflict with instant 003 (commit) on file group f3 in partition b")
    }

    @Test("a file group replaced by a replacecommit after our start conflicts")
    func replacedAfterStart() throws {
        let error = #expect(throws: TableFormatError.self) { try check([Self.id("a", "f4")]) }
        #expect(error?.message == "Transaction Error: conflict with instant 004 (replacecommit) on file group f4 in partition a")
    }

    @Test("no conflict: disjoint file groups, same file id in another partition, or only commits known at the start")
    func noConflict() throws {
        try check([Self.id("a", "f1")])
        try check([Self.id("b", "f2"), Self.id("c", "f4"), Self.id("a", "new")])
        try check([])
        // Nothing completed since the start: no candidates, so even f2 is safe.
        let detection = ConflictDetection(startTimeline: Self.current, currentTimeline: Self.current, ownInstant: "005")
        try detection.check(touched: [Self.id("a", "f2")]) { _ in Issue.record("no metadata should be read"); return try Self.metadata(written: []) }
    }

    @Test("a metadata read failure propagates instead of passing the check")
    func metadataFailure() {
        let detection = ConflictDetection(startTimeline: Self.start, currentTimeline: Self.current, ownInstant: "005")
        let error = #expect(throws: TableFormatError.self) {
            try detection.check(touched: [Self.id("a", "f1")]) { _ in throw TableFormatError(.io, "unreadable") }
        }
        #expect(error?.code == .io)
    }
}
