import Columnar
import Synchronization
import Testing
@testable import TableFormat

/// The rewrite's read-ahead thread: batches arrive in order, a reader's error reaches the consumer, and a
/// consumer that stops early ends the producer instead of leaving it blocked.
@Suite("Write batch prefetcher")
struct WriteBatchPrefetcherTests {
    static func batch(_ id: Int64) -> Batch { WriteFixtures.batch([(id, "n\(id)", id, "sf")]) }

    static func ids(_ prefetcher: BatchPrefetcher<Void>) throws -> [Int64] {
        var ids: [Int64] = []
        while let batch = try prefetcher.next() {
            guard case .int(let id) = batch.columns[0].value(at: 0) else { return ids }
            ids.append(id)
        }
        return ids
    }

    @Test("every batch arrives, in order, then nil stays nil", arguments: [1, 4])
    func inOrder(depth: Int) throws {
        let prefetcher = BatchPrefetcher<Void>(depth: depth) { emit in
            for id in Int64(0)..<100 { try emit(Self.batch(id)) }
        }
        defer { prefetcher.close() }
        #expect(try Self.ids(prefetcher) == Array(0..<100))
        #expect(try prefetcher.next() == nil)
    }

    @Test("the producer's error is thrown by next after the batches before it")
    func producerError() throws {
        let prefetcher = BatchPrefetcher<Void>(depth: 2) { emit in
            try emit(Self.batch(1))
            throw TableFormatError(.io, "injected read failure")
        }
        defer { prefetcher.close() }
        #expect(try prefetcher.next() != nil)
        let error = #expect(throws: TableFormatError.self) { try prefetcher.next() }
        #expect(error?.message.contains("injected read failure") == true)
        #expect(try prefetcher.next() == nil)
    }

    /// What the producer thread did, read once it has ended.
    final class Progress: Sendable {
        let produced = Mutex(0)
        let stopped = Mutex(false)
    }

    @Test("closing early stops a producer blocked on a full queue, and close is idempotent")
    func earlyFinish() throws {
        let progress = Progress()
        let prefetcher = BatchPrefetcher<Void>(depth: 2) { emit in
            defer { progress.stopped.withLock { $0 = true } }
            for id in Int64(0)..<1_000_000 {
                try emit(Self.batch(id))
                progress.produced.withLock { $0 += 1 }
            }
        }
        #expect(try prefetcher.next() != nil)
        prefetcher.close()
        prefetcher.close()
        // close waited for the producer's thread: it stopped a few batches ahead, not at the end.
        #expect(progress.stopped.withLock { $0 })
        #expect(progress.produced.withLock { $0 } < 10)
    }
}
