import Foundation
import Storage

/// A table-wide lock around "check for conflicts, then complete" (Hudi's lock provider for optimistic
/// concurrency; this one is file-based, like FileSystemBasedLockProvider): the object `.hoodie/.locks/commit.lock`
/// created with put-if-absent. Without it two writers could both pass the conflict check and both complete.
/// A lock older than `expiry` belongs to a writer that died holding it and is taken over.
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
        while true {
            do {
                try store.putIfAbsent(key, Array(owner.utf8))
                return
            } catch let error as StorageError where error.code == .alreadyExists {
                if let modified = try? store.head(key).lastModified, Date().timeIntervalSince(modified) > expiry {
                    try? store.delete(key)
                    continue
                }
            } catch {
                throw TableFormatError(.io, "taking the commit lock \(store.uri)/\(key): \(error)")
            }
            guard Date().timeIntervalSince(start) < timeout else {
                throw TableFormatError(.conflict, "Transaction Error: the commit lock \(store.uri)/\(key) stayed taken for \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: wait)
            wait = min(wait * 2, 0.2)
        }
    }
}
