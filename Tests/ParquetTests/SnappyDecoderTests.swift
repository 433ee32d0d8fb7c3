import Testing
@testable import Parquet

/// The Swift Snappy decoder reads what the Snappy library writes (numbers as in dictionary pages, text, noise,
/// short repeating patterns whose copies overlap), hand-built elements of every kind, and rejects corrupt
/// blocks by throwing: truncations, bad offsets and lengths, random damage.
@Suite struct SnappyDecoderTests {
    static func decode(_ block: [UInt8], _ size: Int) throws -> [UInt8] {
        try block.withUnsafeBytes { input in
            try [UInt8](unsafeUninitializedCapacity: max(size, 1)) { output, count in
                try SnappyDecoder.decompress(input, into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(output)[0..<size]))
                count = size
            }
        }
    }

    static func shapes(_ size: Int, seed: UInt64) -> [[UInt8]] {
        var rng = TestRandom(seed: seed)
        let prices = (0..<(size + 7) / 8).flatMap { _ -> [UInt8] in
            let value = Int64(rng.next() % 10_000_000)
            return withUnsafeBytes(of: value.littleEndian) { Array($0) }
        }
        let noise = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let patterns = (0..<size).map { i in UInt8(truncatingIfNeeded: (i / 700) % 2 == 0 ? i % (1 + i / 5_000 % 15) : i % 3) }
        return [Array(prices.prefix(size)), noise, patterns, [UInt8](repeating: 0, count: size), CompressionTests.sample(size, seed: seed)]
    }

    @Test func readsWhatTheLibraryWrites() throws {
        for size in [1, 15, 16, 17, 64, 65, 1_000, 70_000, 1 << 20] {
            for (shape, data) in Self.shapes(size, seed: UInt64(size)).enumerated() {
                let block = try CompressionTests.compress(.snappy, data)
                guard try Self.decode(block, size) == data else {
                    Issue.record("shape \(shape), \(size) bytes: decoded bytes differ")
                    return
                }
            }
        }
    }

    @Test func handBuiltElements() throws {
        // Preamble 72; literal "ab"; 2-byte-offset copy of 4 at offset 2; 1-byte-offset copy of 4 at offset 1
        // (overlapping); a literal of 60 bytes with a one-byte length (tag 60 << 2); a 4-byte-offset copy of 2.
        var block: [UInt8] = [72, 1 << 2, 0x61, 0x62, 3 << 2 | 2, 2, 0, 0 << 2 | 1, 1, 60 << 2, 59]
        block += (0..<60).map { UInt8($0) }
        block += [1 << 2 | 3, 64, 0, 0, 0]
        var want: [UInt8] = Array("ababab".utf8) + [UInt8](repeating: 0x62, count: 4) + (0..<60).map { UInt8($0) }
        want += want[6..<8]
        #expect(try Self.decode(block, 72) == want)
    }

    @Test func rejectsCorruptBlocks() throws {
        let invalid = ParquetError(.corrupt, "SNAPPY: invalid compressed data")
        // Offset 0, an offset past what was produced, a copy past the output, a literal past the input.
        #expect(throws: invalid) { try Self.decode([5, 0 << 2, 0x61, 0 << 2 | 1, 0], 5) }
        #expect(throws: invalid) { try Self.decode([5, 0 << 2, 0x61, 0 << 2 | 1, 2], 5) }
        #expect(throws: invalid) { try Self.decode([5, 0 << 2, 0x61, 7 << 2 | 1, 1], 5) }
        #expect(throws: invalid) { try Self.decode([5, 4 << 2, 0x61], 5) }
        // Ends early, and a preamble that disagrees.
        #expect(throws: invalid) { try Self.decode([3, 0 << 2, 0x61], 3) }
        #expect(throws: ParquetError(.corrupt, "SNAPPY: preamble does not match the expected 4 bytes")) {
            try Self.decode([3, 2 << 2, 1, 2, 3], 4)
        }
        let data = Self.shapes(5_000, seed: 9)[0] + Self.shapes(5_000, seed: 9)[2]
        let block = try CompressionTests.compress(.snappy, data)
        let truncations = everyTruncation(of: block) { prefix in _ = try Self.decode(Array(prefix), data.count) }
        #expect(truncations == (threw: block.count, passed: 1))
        // Random damage either throws or yields some bytes of the right length; it never traps.
        var rng = TestRandom(seed: 4)
        for _ in 0..<2_000 {
            var damaged = block
            for _ in 0..<1 + Int(rng.next() % 4) {
                damaged[1 + Int(rng.next() % UInt64(damaged.count - 1))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if let out = try? Self.decode(damaged, data.count) { #expect(out.count == data.count) }
        }
    }
}
