import Columnar
import Dispatch
import Synchronization

/// A scan split into morsels (independent pieces, such as one row group of one file) decoded on worker
/// threads, yielding the morsels' batches in morsel order: a parallel scan returns exactly the rows, in
/// exactly the order, of a serial one, so results stay deterministic.
///
/// Race-free by construction: a morsel's `BatchSource` is made, drained and dropped on the one worker that
/// claimed it; its batches are handed over whole, under a lock, and the worker keeps no reference to them.
/// Workers run at most `window` morsels ahead of the consumer, which bounds the memory in flight.
public final class ParallelBatchSource: BatchSource {
    /// The statement's `SET threads`, published while its plan is built: table providers split their scans
    /// over this many workers (1 means a serial scan).
    @TaskLocal public static var threads: Int = 1

    public typealias Morsel = @Sendable () throws -> any BatchSource

    public let schema: Schema
    private let shared: Shared
    private let threads: Int
    private var started = false
    private var position = 0
    private var batches: [Batch] = []
    private var batchIndex = 0

    /// `threads` workers (at least 1) over `morsels`, which must all yield `schema`.
    public init(schema: Schema, morsels: [Morsel], threads: Int) {
        self.schema = schema
        self.threads = max(1, min(threads, morsels.count))
        shared = Shared(morsels: morsels, window: 2 * max(1, threads))
    }

    deinit { shared.cancel(workers: threads) }

    public func next() throws -> Batch? {
        if !started {
            started = true
            for _ in 0..<threads {
                let shared = shared
                DispatchQueue.global().async { shared.work() }
            }
        }
        while batchIndex >= batches.count {
            guard position < shared.morsels.count else { return nil }
            if position > 0 { shared.window.signal() }  // the previous morsel is consumed
            batches = try shared.take(position)
            batchIndex = 0
            position += 1
        }
        batchIndex += 1
        return batches[batchIndex - 1]
    }

    /// What the consumer and the workers share: the morsels, a claim counter, finished results by morsel.
    private final class Shared: Sendable {
        let morsels: [Morsel]
        let window: DispatchSemaphore
        private let ready: [DispatchSemaphore]
        private let claimed = Atomic<Int>(0)
        private let cancelled = Atomic<Bool>(false)
        private let results = Mutex<[Int: Result<[Batch], any Error>]>([:])

        init(morsels: [Morsel], window: Int) {
            self.morsels = morsels
            // Created at 0 and raised: libdispatch traps when a semaphore dies below its initial value,
            // which a scan dropped early would do.
            self.window = DispatchSemaphore(value: 0)
            for _ in 0..<window { self.window.signal() }
            ready = morsels.map { _ in DispatchSemaphore(value: 0) }
        }

        /// A worker: claims morsels in order until none are left or the scan is dropped.
        func work() {
            while true {
                window.wait()
                let index = claimed.wrappingAdd(1, ordering: .relaxed).oldValue
                guard !cancelled.load(ordering: .relaxed), index < morsels.count else {
                    window.signal()
                    return
                }
                let result = Result { try Self.drain(morsels[index]) }
                results.withLock { $0[index] = result }
                ready[index].signal()
            }
        }

        private static func drain(_ morsel: Morsel) throws -> [Batch] {
            var source = try morsel()
            var out: [Batch] = []
            while let batch = try source.next() {
                if batch.rowCount > 0 { out.append(batch) }
            }
            return out
        }

        /// Morsel `index`'s batches, waiting for its worker; rethrows the worker's error.
        func take(_ index: Int) throws -> [Batch] {
            ready[index].wait()
            let result = results.withLock { $0.removeValue(forKey: index) }
            guard let result else { throw ExecutionError(.internal, "parallel scan lost morsel \(index)") }
            do {
                return try result.get()
            } catch {
                cancelled.store(true, ordering: .relaxed)
                throw error
            }
        }

        /// Stops the claiming of new morsels and wakes workers waiting for room.
        func cancel(workers: Int) {
            cancelled.store(true, ordering: .relaxed)
            for _ in 0..<workers { window.signal() }
        }
    }
}
