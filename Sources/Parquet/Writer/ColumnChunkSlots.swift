import Dispatch
import Synchronization

/// The chunk writers of one file, one per leaf, each owned by its own lock. A batch's leaves may be encoded on
/// parallel threads: the worker for leaf `i` takes writer `i` alone and reads only immutable, Sendable leaves,
/// so no two threads ever touch one writer or share a buffer being mutated. The locks are never contended;
/// they make that ownership a fact the compiler checks rather than a promise (`Mutex` hands its value over
/// `inout sending`), and results come back by index.
final class ColumnChunkSlots: Sendable {
    private final class Slot: Sendable {
        let writer: Mutex<ColumnChunkWriter>
        init(_ writer: sending ColumnChunkWriter) { self.writer = Mutex(writer) }
    }

    /// One leaf's outcome, filled by the worker that ran it.
    private final class Outcomes<R: Sendable>: Sendable {
        let slots: Mutex<[Result<R, any Error>?]>
        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    }

    private let slots: [Slot]

    init(_ writers: [ColumnChunkWriter]) { slots = writers.map { Slot($0) } }

    var count: Int { slots.count }

    /// Bytes the chunks would take if finished now.
    var estimatedSize: Int { slots.reduce(0) { total, slot in total &+ slot.writer.withLock { $0.estimatedSize } } }

    /// `body` on every writer with its leaf index, in index order on the calling thread, or with `parallel` on
    /// Dispatch's worker threads (one per core, balanced by Dispatch). Results come back in index order; the
    /// first error by index is rethrown once every worker is done.
    func map<R: Sendable>(parallel: Bool, _ body: @Sendable (Int, inout ColumnChunkWriter) throws -> R) throws -> [R] {
        guard parallel, slots.count > 1 else {
            return try slots.indices.map { i in try slots[i].writer.withLock { try body(i, &$0) } }
        }
        let outcomes = Outcomes<R>(count: slots.count)
        DispatchQueue.concurrentPerform(iterations: slots.count) { i in
            let outcome = Result<R, any Error> { try self.slots[i].writer.withLock { try body(i, &$0) } }
            outcomes.slots.withLock { $0[i] = outcome }
        }
        return try outcomes.slots.withLock { outcomes in
            try outcomes.map { outcome in
                guard let outcome else { throw ParquetError(.invalidArgument, "a column chunk was not encoded") }
                return try outcome.get()
            }
        }
    }
}
