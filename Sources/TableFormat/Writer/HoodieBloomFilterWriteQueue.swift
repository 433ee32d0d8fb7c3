import Columnar
import Dispatch
import Parquet
import Synchronization

/// A base file's footer filter and key range (`HoodieBloomFilterWriteSupport`) built on a serial queue of its
/// own, so hashing a batch's record keys (about 30 chained hashes a key at Hudi's 1e-9 rate) runs while the
/// file writer encodes the batch: a bulk insert keeps both cores busy instead of hashing between encodes.
/// Keys are added in write order, so the footer's bytes are those `HoodieBloomFilterWriteSupport` makes alone.
///
/// Race-free by construction: the support value lives in a `Mutex` that only the queue's tasks and `finish`
/// lock; each task owns the key vector (an immutable value) it hashes; at most `depth` batches wait, so memory
/// stays bounded when hashing is the slower side.
final class HoodieBloomFilterWriteQueue: Sendable {
    private struct State: Sendable {
        var support: HoodieBloomFilterWriteSupport
        var error: TableFormatError?
    }

    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "sluice-bloom")
    // Starts at 0 and is raised to `depth`: libdispatch traps if a semaphore is freed below its initial value.
    private let slots = DispatchSemaphore(value: 0)
    private let file: String

    convenience init(config: HoodieBloomIndexConfig, file: String, depth: Int = 4) throws {
        self.init(support: try HoodieBloomFilterWriteSupport(config: config), file: file, depth: depth)
    }

    /// Continues `support` (a filter that already holds the file's first keys).
    init(support: HoodieBloomFilterWriteSupport, file: String, depth: Int = 4) {
        state = Mutex(State(support: support))
        self.file = file
        for _ in 0..<max(1, depth) { slots.signal() }
    }

    /// Queues the keys of a batch's live rows (`selection`'s rows, or the first `rowCount`) to be added.
    func add(_ keys: Vector, selection: SelectionVector?, rowCount: Int) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            state.withLock { state in
                guard state.error == nil else { return }
                do {
                    let physicalRow: (Int) -> Int = { row in selection.map { Int($0.indices[row]) } ?? row }
                    try StringColumn.withValueBytes(keys, rowCount: rowCount, physicalRow: physicalRow, file: file) {
                        try state.support.addKeys(utf8: $0)
                    }
                } catch let error as TableFormatError {
                    state.error = error
                } catch {
                    state.error = TableFormatError(.invalidArgument, "base file '\(file)': \(error)")
                }
            }
        }
    }

    /// Waits for every queued batch; the footer entries (filter, min and max keys), or the first add's error.
    func finish() throws -> [KeyValue] {
        queue.sync {}
        return try state.withLock { state in
            if let error = state.error { throw error }
            return state.support.finalizeMetadata()
        }
    }
}
