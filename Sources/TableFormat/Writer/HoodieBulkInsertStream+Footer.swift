import Dispatch
import Foundation
import Parquet
import Synchronization

/// A file group's bloom filter and key range footer, built on a thread of its own from a copy of the keys.
///
/// Race-free by construction: the thread owns its input (an array of keys, a config: values), and its only
/// output is the result under a `Mutex`, read after the `finished` semaphore says it is there. `value()`
/// waits for it; deinit waits too, so no thread outlives the stream that started it.
final class FooterComputation {
    private final class Outcome: Sendable {
        let result = Mutex<Result<[KeyValue], any Error>?>(nil)
        let finished = DispatchSemaphore(value: 0)
    }

    private let outcome = Outcome()
    private var joined = false

    init(keys: [String], config: HoodieBloomIndexConfig) {
        let outcome = outcome
        Thread.detachNewThread {
            let result = Result { try HoodieBloomFilterWriteSupport.footerMetadata(recordKeys: keys, config: config) }
            outcome.result.withLock { $0 = result }
            outcome.finished.signal()
        }
    }

    deinit { join() }

    /// The footer entries (min and max record keys, the bloom filter), once built.
    func value() throws -> [KeyValue] {
        join()
        guard let result = outcome.result.withLock({ $0 }) else {
            throw TableFormatError(.invalidArgument, "the bloom filter thread ended without a result")
        }
        return try result.get()
    }

    private func join() {
        guard !joined else { return }
        joined = true
        outcome.finished.wait()
    }
}
