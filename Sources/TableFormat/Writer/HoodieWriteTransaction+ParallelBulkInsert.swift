import Columnar
import Foundation
import Synchronization

/// Bulk insert by independent workers: each worker runs on a thread of its own, produces its own share of the
/// input (its readers are its own) and writes it through its own `HoodieBulkInsertStream` into file groups of
/// its own, so both cores stay busy with no handoff per batch. Race-free by construction: a worker shares only
/// `Sendable` values (the target, whose opened-file list and heartbeat are locked, and a cancel flag).
extension HoodieWriteTransaction {
    /// Runs `produce(worker, emit)` for each of `workers`; every batch a worker emits is conformed and bulk
    /// inserted by that worker. The first failure cancels the others (their next `emit` throws) and is rethrown.
    /// Returns the commit metadata and the workers' results in worker order.
    func parallelBulkInsert<Summary: Sendable>(
        workers: Int, keyGenerator: HoodieKeyGenerator, options: HudiWriteOptions,
        conform: @escaping @Sendable (Batch) throws -> Batch,
        produce: @escaping @Sendable (_ worker: Int, _ emit: (Batch) throws -> Void) throws -> Summary
    ) throws -> (HoodieCommitMetadata, [Summary]) {
        let count = max(1, workers)
        var options = options
        // The workers already fill the cores: a batch's column chunks are encoded on the worker's own thread.
        options.parquet.parallelEncoding = count == 1 && options.parquet.parallelEncoding
        let targets = try (0..<count).map { try bulkInsertTarget(worker: $0, of: count) }
        let cancelled = CancelFlag()
        let run = { @Sendable [options] (worker: Int) throws -> WorkerResult<Summary> in
            let stream = HoodieBulkInsertStream(target: targets[worker], keyGenerator: keyGenerator, options: options)
            do {
                let summary = try produce(worker) { batch in
                    if cancelled.isSet { throw ParallelBulkInsertCancelled() }
                    try stream.add(conform(batch))
                }
                try stream.finish()
                return WorkerResult(stats: stream.stats, summary: summary)
            } catch {
                stream.abort()
                cancelled.fail(error)
                throw error
            }
        }
        let results: [WorkerResult<Summary>]
        do {
            results = try BoundedParallelism.map(Array(0..<count), width: count, run)
        } catch {
            // Another worker may report its cancellation first: the cause is the first real error.
            throw cancelled.cause ?? error
        }
        return (try bulkInsertMetadata(results.map(\.stats), options: options), results.map(\.summary))
    }
}

private struct WorkerResult<Summary: Sendable>: Sendable {
    var stats: [String: [HoodieWriteStat]]
    var summary: Summary
}

/// Thrown into a worker's producer once another worker failed.
struct ParallelBulkInsertCancelled: Error {}

/// Set by the first worker that fails, with its error; the others poll it between batches.
private final class CancelFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    private let first = Mutex<(any Error)?>(nil)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    var cause: (any Error)? { first.withLock { $0 } }

    func fail(_ error: any Error) {
        if !(error is ParallelBulkInsertCancelled) { first.withLock { if $0 == nil { $0 = error } } }
        flag.store(true, ordering: .releasing)
    }
}
