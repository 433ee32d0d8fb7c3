import Columnar
import Dispatch
import Foundation
import Synchronization

/// Runs a producer of batches on its own thread, a few batches ahead of the consumer, so reading and writing
/// use both cores: ingest parses source files while the table write encodes, and a copy-on-write rewrite
/// decodes the old base file while the previous batch is merged.
///
/// Race-free by construction: the producer builds and owns everything it reads with (readers, validator,
/// transform); only `Sendable` values cross, through a queue of at most `depth` items under a `Mutex`, and
/// two semaphores count free slots and ready items. The producer's last item is its result (or its error).
/// `close()` stops the producer and waits for its thread to end; it also runs on deinit.
public final class BatchPrefetcher<Summary: Sendable> {
    private enum Item: Sendable {
        case batch(Batch)
        case end(Summary)
        case failure(any Error)
    }

    private struct State: Sendable {
        var items: [Item] = []
        var head = 0
        var cancelled = false
    }

    /// Thrown inside the producer when the consumer stopped listening.
    public struct Cancelled: Error {}

    /// What both threads hold: immutable references to synchronized things only.
    private final class Shared: Sendable {
        let state = Mutex(State())
        // Every semaphore starts at 0: libdispatch traps when one is freed below its initial value, as the
        // free slots are when the producer ends with batches still queued.
        let slots = DispatchSemaphore(value: 0)
        let ready = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)

        init(depth: Int) {
            for _ in 0..<max(1, depth) { slots.signal() }
        }

        /// Queues a batch once a slot is free; throws when the consumer has closed.
        func emit(_ batch: Batch) throws {
            slots.wait()
            let open = state.withLock { state in
                if !state.cancelled { state.items.append(.batch(batch)) }
                return !state.cancelled
            }
            guard open else { throw Cancelled() }
            ready.signal()
        }

        func take() -> Item {
            ready.wait()
            return state.withLock { state in
                let item = state.items[state.head]
                state.head += 1
                if state.head >= 64 {
                    state.items.removeFirst(state.head)
                    state.head = 0
                }
                return item
            }
        }
    }

    private let shared: Shared
    private var result: Summary?
    private var closed = false

    /// Starts `produce` on a new thread; it passes each batch to `emit` (which blocks while `depth` batches
    /// wait) and returns its result at the end.
    public init(depth: Int = 4, produce: @escaping @Sendable (_ emit: (Batch) throws -> Void) throws -> Summary) {
        let shared = Shared(depth: depth)
        self.shared = shared
        let thread = Thread {
            let last: Item
            do {
                last = .end(try produce(shared.emit))
            } catch {
                last = .failure(error)
            }
            shared.state.withLock { $0.items.append(last) }
            shared.ready.signal()
            shared.exited.signal()
        }
        thread.name = "sluice-prefetch"
        thread.start()
    }

    deinit { close() }

    /// The next batch; nil once the producer is done. Rethrows the producer's error.
    public func next() throws -> Batch? {
        if result != nil || closed { return nil }
        switch shared.take() {
        case .batch(let batch):
            shared.slots.signal()
            return batch
        case .end(let value):
            result = value
            close()
            return nil
        case .failure(let error):
            close()
            throw error
        }
    }

    /// The producer's result, once `next()` has returned nil.
    public var finished: Summary? { result }

    /// Stops the producer (its next `emit` throws) and waits for its thread to end. Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        shared.state.withLock { $0.cancelled = true }
        shared.slots.signal()
        shared.exited.wait()
    }
}
