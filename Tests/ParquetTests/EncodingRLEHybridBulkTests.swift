import Columnar
import Testing
@testable import Parquet

/// `RLEHybridEncoder.encode` (the one-pass writer path for dictionary indices) against the streaming encoder.
@Suite struct EncodingRLEHybridBulkTests {
    @Test(arguments: 0...32)
    func bulkEncodeMatchesStreaming(bitWidth: Int) throws {
        for count in [0, 1, 5, 7, 8, 9, 16, 63, 64, 504, 505, 513, 5000, 20_000] {
            let values = EncodingRLEHybridTests.sample(bitWidth: bitWidth, count: count, seed: UInt64(bitWidth * 7919 + count))
            var streaming = RLEHybridEncoder(bitWidth: bitWidth)
            values.withUnsafeBufferPointer { streaming.append(contentsOf: $0) }
            let expected = streaming.finish()
            var bulk = ByteBuffer()
            values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: &bulk) }
            let got = bulk.bytes(0..<bulk.count)
            #expect(got == expected, "bitWidth \(bitWidth), count \(count)")
            #expect(try decodeHybrid(got, bitWidth: bitWidth, count: count) == values)
        }
    }

    /// Long runs of one value (the shape of low-cardinality dictionary columns), including a tail run.
    @Test(arguments: [1, 3, 8, 17])
    func longRunsMatchStreaming(bitWidth: Int) {
        var values: [UInt32] = []
        for i in 0..<300 { values += Array(repeating: UInt32(i % 2), count: 1 + (i * 37) % 29) }
        var streaming = RLEHybridEncoder(bitWidth: bitWidth)
        values.withUnsafeBufferPointer { streaming.append(contentsOf: $0) }
        var bulk = ByteBuffer()
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: &bulk) }
        #expect(bulk.bytes(0..<bulk.count) == streaming.finish())
    }
}
