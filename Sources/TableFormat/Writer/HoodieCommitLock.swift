import Foundation
import Storage

/// A table-wide lock around "check for conflicts, then complete" (Hudi's lock provider for optimistic
/// concurrency; this one is file-based, like FileSystemBasedLockProvider): the object `.hoodie/.locks/commit.lock`
/// created with put-if-absent. Without it two writers could both pass the conflict check and both complete.
/// The lock names its holder (instant, process id, host). A holder that died is taken over: at once when it ran
/// on this host and its process is gone, else once the lock is older than `expiry`.
struct HoodieCommitLock {
    let store: any ObjectStore
    let key: String
    var expiry: TimeInterval = 60
    var timeout: TimeInterval = 60

    init(store: any ObjectStore, basePath: String) {
        self.store = store
        key = HudiTable.key(basePath, ".hoodie/.locks/commit.lock")
    }

    /// Runs `body` holding the lock.
    func withLock<T>(owner: String, _ body: () throws -> T) throws -> T {
        try acquire(owner: owner)
        defer { try? store.delete(key) }
        return try body()
    }

    private func acquire(owner: String) throws {
        let start = Date()
        var wait = 0.005
        let content = Array(HoodieCommitLockHolder(instant: owner, pid: getpid(), host: HoodieCommitLockHolder.thisHost).text.utf8)
        while true {
            do {
                try store.putIfAbsent(key, content)
                return
            } catch let error as StorageError where error.code == .alreadyExists {
                if try takeOverIfAbandoned() { continue }
            } catch {
                throw TableFormatError(.io, "taking the commit lock \(store.uri)/\(key): \(error)")
            }
            guard Date().timeIntervalSince(start) < timeout else {
                let holder = (try? store.get(key)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                throw TableFormatError(.conflict, "Transaction Error: the commit lock \(store.uri)/\(key) stayed taken for \(Int(timeout)) s (by \(holder))")
            }
            Thread.sleep(forTimeInterval: wait)
            wait = min(wait * 2, 0.2)
        }
    }

    /// Deletes the lock when its holder is gone. Another waiter may take it first; put-if-absent then decides.
    private func takeOverIfAbandoned() throws -> Bool {
        guard let bytes = try? store.get(key) else { return true }  // released meanwhile
        let holder = HoodieCommitLockHolder(String(decoding: bytes, as: UTF8.self))
        let expired = (try? store.head(key).lastModified).map { Date().timeIntervalSince($0) > expiry } ?? false
        guard expired || holder?.isDeadLocalProcess == true else { return false }
        // Only the abandoned lock: a fresh one taken since the read has other content.
        guard let again = try? store.get(key), again == bytes else { return true }
        try? store.delete(key)
        return true
    }
}

/// Who holds the commit lock: `instant pid host`, one line.
struct HoodieCommitLockHolder: Hashable {
    var instant: String
    var pid: Int32
    var host: String

    init(instant: String, pid: Int32, host: String) {
        self.instant = instant
        self.pid = pid
        self.host = host
    }

    /// Nil for content this version did not write (an older lock holding only the instant).
    init?(_ text: String) {
        let parts = text.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, let pid = Int32(parts[1]) else { return nil }
        self.init(instant: parts[0], pid: pid, host: parts[2])
    }

    var text: String { "\(instant) \(pid) \(host)" }

    static let thisHost: String = {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "unknown" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// A holder on this host whose process no longer exists (kill with signal 0 reports ESRCH).
    var isDeadLocalProcess: Bool {
        host == HoodieCommitLockHolder.thisHost && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
