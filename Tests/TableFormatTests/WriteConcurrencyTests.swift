import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// Two writers: the second commits while the first is between its start and its completion (from inside the
/// first's index lookup), as happens with concurrent jobs.
@Suite("Write concurrency")
struct WriteConcurrencyTests {
    typealias F = WriteFixtures

    /// Runs `interleaved` once, during the first lookup, then looks keys up like the simple index.
    final class InterleavingIndex: HoodieIndex, @unchecked Sendable {
        let inner: HoodieSimpleIndex
        var interleaved: (() throws -> Void)?

        init(store: any ObjectStore, interleaved: @escaping () throws -> Void) {
            inner = HoodieSimpleIndex(store: store)
            self.interleaved = interleaved
        }

        func locate(keys: [String], partitionPath: String, slices: [FileSlice]) throws -> [String: String] {
            if let run = interleaved {
                interleaved = nil
                try run()
            }
            return try inner.locate(keys: keys, partitionPath: partitionPath, slices: slices)
        }
    }

    static func setUp(_ label: String) throws -> (MemoryStore, HudiWriteClient) {
        let store = MemoryStore(name: label)
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        let client = HudiWriteClient(store: store, basePath: "t")
        try client.write([F.batch([(1, "a", 1, "sf"), (2, "b", 1, "la")])], operation: .insert)
        return (store, client)
    }

    @Test("a commit that completed meanwhile on the same file group fails ours, which leaves nothing behind")
    func conflict() throws {
        let (store, other) = try Self.setUp("conflict")
        var otherInstant = ""
        let before = Set(try store.listAll(prefix: "t/sf/").objects.map(\.key))
        var client = HudiWriteClient(store: store, basePath: "t")
        client.options.index = InterleavingIndex(store: store) {
            otherInstant = try other.write([F.batch([(1, "other", 5, "sf")])], operation: .upsert).instant.requestedTime
        }
        let error = #expect(throws: TableFormatError.self) { try client.write([F.batch([(1, "mine", 6, "sf")])], operation: .upsert) }
        #expect(error?.code == .conflict)
        #expect(error?.message.hasPrefix("Transaction Error: conflict with instant \(otherInstant)") == true)
        let table = try HudiTable.open(store: store, path: "t")
        #expect(table.timeline.pendingInstants.isEmpty)
        #expect(table.timeline.completedCommits.count == 2)
        #expect(try F.rows(table.snapshot()) == F.expected([(1, "other", 5, "sf"), (2, "b", 1, "la")]))
        // Only the other writer's new slice was added to the partition.
        #expect(Set(try store.listAll(prefix: "t/sf/").objects.map(\.key)).subtracting(before).count == 1)
    }

    @Test("a concurrent commit on other file groups does not conflict")
    func noConflict() throws {
        let (store, other) = try Self.setUp("no-conflict")
        var client = HudiWriteClient(store: store, basePath: "t")
        client.options.index = InterleavingIndex(store: store) {
            try other.write([F.batch([(2, "other", 5, "la")])], operation: .upsert)
        }
        try client.write([F.batch([(1, "mine", 6, "sf")])], operation: .upsert)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(1, "mine", 6, "sf"), (2, "other", 5, "la")]))
    }

    @Test("a dead writer's pending instant is rolled back before the next write; a live one is left alone")
    func failedWrites() throws {
        let (store, client) = try Self.setUp("failed")
        let table = try HudiTable.open(store: store, path: "t")
        let writer = try HoodieTimelineWriter(store: store, basePath: "t", config: table.config)
        // A writer that died long ago (no heartbeat, instant older than the timeout), and a live one.
        let dead = "20200101000000000"
        _ = try writer.transitionToInflight(try writer.createRequested(action: .commit, time: dead, content: []), content: [])
        try store.put("t/sf/\(UUID().uuidString.lowercased())-0_0-0-0_\(dead).parquet", [1, 2, 3])
        let live = writer.newInstantTime(after: table.timeline)
        try HoodieHeartbeat(store: store, basePath: "t").beat(live)
        _ = try writer.createRequested(action: .commit, time: live, content: [])
        try client.write([F.batch([(3, "c", 1, "sf")])], operation: .insert)
        let after = try HudiTable.open(store: store, path: "t")
        #expect(after.timeline.pendingInstants.map(\.requestedTime) == [live])
        #expect(try store.listAll(prefix: "t/sf/").objects.allSatisfy { !$0.key.contains(dead) })
        #expect(try F.rows(after.snapshot()).count == 3)
    }

    /// A memory store where another writer creates the first requested instant we try, just before we do.
    final class RacingStore: ObjectStore, @unchecked Sendable {
        let inner = MemoryStore(name: "racing")
        var raced: String?
        var uri: String { inner.uri }
        func get(_ key: String) throws -> [UInt8] { try inner.get(key) }
        func get(_ key: String, range: Range<Int>) throws -> [UInt8] { try inner.get(key, range: range) }
        func head(_ key: String) throws -> ObjectMeta { try inner.head(key) }
        func put(_ key: String, _ bytes: [UInt8]) throws { try inner.put(key, bytes) }
        func delete(_ key: String) throws { try inner.delete(key) }
        func writer(_ key: String) throws -> any ObjectWriter { try inner.writer(key) }
        func list(prefix: String, delimiter: String?, maxKeys: Int, continuationToken: String?) throws -> ListPage {
            try inner.list(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, continuationToken: continuationToken)
        }
        func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws {
            if raced == nil, key.hasSuffix(".commit.requested") {
                raced = key
                try inner.putIfAbsent(key, [])
            }
            try inner.putIfAbsent(key, bytes)
        }
    }

    @Test("two writers choosing the same millisecond: the loser takes a later instant and keeps the winner's heartbeat")
    func sameMillisecond() throws {
        let store = RacingStore()
        _ = try HudiTable.create(store: store, path: "t", options: F.options())
        let result = try HudiWriteClient(store: store, basePath: "t").write([F.batch([(1, "a", 1, "sf")])], operation: .insert)
        let raced = try #require(store.raced)
        let racedTime = String(raced.split(separator: "/").last!.prefix(17))
        #expect(result.instant.requestedTime > racedTime)
        #expect(try HoodieHeartbeat(store: store, basePath: "t").lastBeat(racedTime) != nil)
        #expect(try HoodieHeartbeat(store: store, basePath: "t").lastBeat(result.instant.requestedTime) == nil)
        #expect(try F.rows(HudiTable.open(store: store, path: "t").snapshot()) == F.expected([(1, "a", 1, "sf")]))
    }

    @Test("a source that throws mid-stream fails the write and leaves nothing behind")
    func throwingSource() throws {
        let (store, client) = try Self.setUp("throwing")
        let before = try store.listAll(prefix: "").objects.map(\.key)
        var pulled = 0
        let error = #expect(throws: TableFormatError.self) {
            try client.write(next: {
                pulled += 1
                if pulled == 3 { throw TableFormatError(.io, "reader failed at batch 3") }
                return F.batch([(Int64(10 + pulled), "x", 1, "sf")])
            }, operation: .upsert)
        }
        #expect(error?.message == "reader failed at batch 3")
        #expect(try store.listAll(prefix: "").objects.map(\.key) == before)
    }

    final class Outcomes: @unchecked Sendable {
        let lock = NSLock()
        var completed: [(instant: HoodieInstant, writer: Int)] = []
        var errors: [Error] = []
        func record(_ body: () -> Void) { lock.lock(); body(); lock.unlock() }
    }

    @Test("four writers upserting the same keys at once: each either commits whole or fails with a conflict")
    func fourWriters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-four-writers-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try LocalStore(root: dir)
        _ = try HudiTable.create(store: store, path: "t", options: F.options(partitioned: false, precombine: false))
        try HudiWriteClient(store: store, basePath: "t").write([F.batch((0..<50).map { ($0, "initial", 0, "sf") })], operation: .insert)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            do {
                let result = try HudiWriteClient(store: store, basePath: "t")
                    .write([F.batch((0..<50).map { ($0, "writer\(writer)", 0, "sf") })], operation: .upsert)
                outcomes.record { outcomes.completed.append((result.instant, writer)) }
            } catch {
                outcomes.record { outcomes.errors.append(error) }
            }
        }
        #expect(!outcomes.completed.isEmpty)
        for error in outcomes.errors {
            #expect((error as? TableFormatError)?.message.hasPrefix("Transaction Error") == true, "\(error)")
        }
        let table = try HudiTable.open(store: store, path: "t")
        #expect(table.timeline.pendingInstants.isEmpty)
        // The last commit wrote every key; no key may keep an earlier writer's value.
        let last = try #require(outcomes.completed.max { $0.instant.orderingTime < $1.instant.orderingTime })
        #expect(try F.rows(table.snapshot()) == F.expected((0..<50).map { ($0, "writer\(last.writer)", 0, "sf") }))
    }
}
