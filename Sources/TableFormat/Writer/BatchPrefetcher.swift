import Columnar
import Dispatch
import Foundation
import Synchronization

/// Reads batches on a thread of its own, a few ahead of the consumer: a copy-on-write rewrite decodes the old
/// base file while the previous batch is merged and encoded. The producer creates and owns its reader; only
/// finished batches (values) and the end or error cross over, under one lock. `finish` stops the producer and
/// waits for its thread, so no thread outlives the rewrite.
final class BatchPrefetcher: Sendable {
    private struct State {
        var ready: [Result<Batch?, any Error>] = []
        var head = 0
        var cancelled = false
        var ended = false
        var joined = false
    }

    private let state = Mutex(State())
    /// Counts batches (or the end) ready for the consumer.
    private let filled = DispatchSemaphore(value: 0)
    /// Counts room for batches read ahead.
    private let room: DispatchSemaphore
    private let exited = DispatchSemaphore(value: 0)

    /// Starts the producer thread: `produce` reads and hands each batch to `push`, which returns false once the
    /// consumer has finished (the producer should then stop).
    init(depth: Int, _ produce: @escaping @Sendable (_ push: (Batch) -> Bool) throws -> Void) {
        room = DispatchSemaphore(value: max(1, depth))
        Thread.detachNewThread { [self] in
            defer { exited.signal() }
            let outcome = Result<Batch?, any Error> {
                try produce { batch in push(.success(batch)) }
                return nil
            }
            _ = push(outcome)
        }
    }

    /// Waits for room, then queues `item`; false when the consumer has finished. Once cancelled, at most one
    /// wait is left to wake (the one begun before the check), and `finish` signals once.
    private func push(_ item: Result<Batch?, any Error>) -> Bool {
        if state.withLock({ $0.cancelled }) { return false }
        room.wait()
        let accepted = state.withLock { state in
            guard !state.cancelled else { return false }
            state.ready.append(item)
            return true
        }
        if accepted { filled.signal() }
        return accepted
    }

    /// The next batch; nil at the end. Rethrows the producer's error, once.
    func next() throws -> Batch? {
        if state.withLock({ $0.ended }) { return nil }
        filled.wait()
        let item = state.withLock { state in
            let item = state.ready[state.head]
            state.head += 1
            if state.head == state.ready.count {
                state.ready.removeAll(keepingCapacity: true)
                state.head = 0
            }
            if case .success(nil) = item { state.ended = true }
            if case .failure = item { state.ended = true }
            return item
        }
        room.signal()
        return try item.get()
    }

    /// Stops the producer (at its next batch) and waits for its thread to end. Idempotent.
    func finish() {
        let join = state.withLock { state in
            defer { state.cancelled = true; state.joined = true }
            return !state.joined
        }
        guard join else { return }
        // Wakes a producer waiting for room; it then sees the cancellation.
        room.signal()
        exited.wait()
    }
}
