import Columnar
import Testing
@testable import SQLExecution

@Suite struct ParallelScanTests {
    static let schema = Schema([Field("x", .int64)])

    /// Morsel `m` yields `batches` batches of values m * 1000 + 0, 1, 2, ... (an empty batch between them).
    static func morsels(_ count: Int, batches: Int, failing: Int? = nil) -> [ParallelBatchSource.Morsel] {
        (0..<count).map { m in
            { @Sendable in
                if m == failing { throw ExecutionError(.outOfRange, "morsel \(m) failed") }
                var emitted = 0
                return ClosureBatchSource(schema: schema) {
                    guard emitted < 2 * batches else { return nil }
                    defer { emitted += 1 }
                    if emitted % 2 == 1 { return Batch(schema: schema, columns: [Vector.empty(.int64)], count: 0) }
                    let base = Int64(m * 1000 + emitted / 2 * 10)
                    return Batch(schema: schema, columns: [Vector(type: .int64, values: (0..<10).map { .int(base + Int64($0)) })])
                }
            }
        }
    }

    static func drainValues(_ source: ParallelBatchSource) throws -> [Int64] {
        var out: [Int64] = []
        while let batch = try source.next() {
            for row in batch.rows { if case .int(let v) = row[0] { out.append(v) } }
        }
        return out
    }

    @Test(arguments: [1, 2, 4])
    func yieldsEveryMorselInOrderWhateverTheThreads(threads: Int) throws {
        let source = ParallelBatchSource(schema: Self.schema, morsels: Self.morsels(37, batches: 3), threads: threads)
        let expected = (0..<37).flatMap { m in (0..<30).map { Int64(m * 1000 + $0) } }
        #expect(try Self.drainValues(source) == expected)
        #expect(try source.next() == nil)
    }

    @Test func noMorselsYieldNothing() throws {
        let source = ParallelBatchSource(schema: Self.schema, morsels: [], threads: 2)
        #expect(try source.next() == nil)
    }

    @Test func aMorselsErrorReachesTheConsumer() throws {
        let source = ParallelBatchSource(schema: Self.schema, morsels: Self.morsels(20, batches: 2, failing: 7), threads: 2)
        #expect(throws: ExecutionError.self) { _ = try Self.drainValues(source) }
    }

    @Test func droppingTheScanEarlyStopsTheWorkers() throws {
        for _ in 0..<20 {
            let source = ParallelBatchSource(schema: Self.schema, morsels: Self.morsels(100, batches: 2), threads: 2)
            let first = try #require(try source.next())
            #expect(first.rows.first == [.int(0)])
        }
    }
}
