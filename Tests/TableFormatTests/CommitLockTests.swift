import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Commit lock")
struct CommitLockTests {
    static let key = "t/.hoodie/.locks/commit.lock"

    /// A process id that existed and is gone.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a lock left by a dead process on this host is taken over at once")
    func deadLocalHolder() throws {
        let store = MemoryStore(name: "lock-dead")
        let holder = HoodieCommitLockHolder(instant: "20260101000000000", pid: try Self.deadPid(), host: HoodieCommitLockHolder.thisHost)
        try store.put(Self.key, Array(holder.text.utf8))
        var lock = HoodieCommitLock(store: store, basePath: "t")
        lock.timeout = 5
        let start = Date()
        let value = try lock.withLock(owner: "20260101000000001") { 7 }
        #expect(value == 7)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(throws: StorageError.self) { try store.get(Self.key) }
    }

    @Test("a lock held by a live process, or by another host, is waited for until the timeout names its holder")
    func liveHolder() throws {
        for holder in [HoodieCommitLockHolder(instant: "1", pid: 1, host: HoodieCommitLockHolder.thisHost),
                       HoodieCommitLockHolder(instant: "2", pid: try Self.deadPid(), host: "elsewhere.example")] {
            let store = MemoryStore(name: "lock-live")
            try store.put(Self.key, Array(holder.text.utf8))
            var lock = HoodieCommitLock(store: store, basePath: "t")
            lock.timeout = 0.3
            #expect(throws: TableFormatError.self) { try lock.withLock(owner: "3") { () } }
            #expect(try store.get(Self.key) == Array(holder.text.utf8))
        }
    }

    @Test("holder text round trips; foreign content is no holder")
    func holderText() {
        let holder = HoodieCommitLockHolder(instant: "20260101000000000", pid: 42, host: "box a")
        #expect(HoodieCommitLockHolder(holder.text) == holder)
        #expect(HoodieCommitLockHolder("20260101000000000") == nil)
    }
}
