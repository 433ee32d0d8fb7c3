import Columnar
import Testing
@testable import Parquet

/// BYTE_ARRAY page bounds (compared through an 8-byte prefix key, then in full on ties) against a plain
/// lexicographic min/max.
@Suite struct WriterStatisticsBoundsTests {
    @Test(arguments: [1, 2, 3])
    func byteArrayBoundsMatchLexicographic(seed: UInt64) {
        var rng = TestRandom(seed: seed)
        // A tiny alphabet and shared prefixes, so prefix keys tie often; lengths 0...20 cross the 8-byte key.
        var strings: [[UInt8]] = []
        for _ in 0..<2000 {
            let length = Int(rng.next() % 21)
            let shared = rng.next() % 2 == 0 ? Array("prefix12".utf8) : []
            strings.append(shared + (0..<length).map { _ in UInt8([0, 1, 0x41, 0x7F, 0x80, 0xFF][Int(rng.next() % 6)]) })
        }
        var values = LeafValues(physicalType: .byteArray, width: 0)
        values.count = strings.count
        var offsets: ContiguousArray<Int32> = [0]
        var buffer = ByteBuffer()
        for s in strings {
            buffer.append(contentsOf: s)
            offsets.append(Int32(buffer.count))
        }
        values.offsets = offsets
        values.buffer = buffer
        var builder = StatisticsBuilder(order: .bytes, physicalType: .byteArray)
        builder.update(values, 0..<strings.count)
        let sorted = strings.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(builder.min == sorted.first)
        #expect(builder.max == sorted.last)
        // A sub-range too.
        var part = StatisticsBuilder(order: .bytes, physicalType: .byteArray)
        part.update(values, 100..<900)
        let partSorted = strings[100..<900].sorted { $0.lexicographicallyPrecedes($1) }
        #expect(part.min == partSorted.first)
        #expect(part.max == partSorted.last)
    }
}
