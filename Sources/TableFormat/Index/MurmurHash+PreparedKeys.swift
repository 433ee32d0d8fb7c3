extension MurmurHash {
    /// One key's seed-independent Murmur inputs: its length, its 4-byte blocks already mixed (`k *= m; k ^= k >>
    /// 24; k *= m`, at `blockStart..<blockStart + blockCount` of the shared block words), and its 1 to 3 tail
    /// bytes sign-extended and folded into one word.
    struct PreparedKey {
        var length: UInt32
        var blockStart: Int32
        var blockCount: Int32
        var tail: UInt32
        var hasTail: Bool
    }

    /// Keys prepared for chained hashing: a bloom filter hashes each key `nbHash` times, each hash seeded by the
    /// last, and only the seed-dependent steps need repeating (two of a block's three multiplies are not).
    struct PreparedKeys {
        private var keys: ContiguousArray<PreparedKey> = []
        /// Starts with one unused word, so the buffer always has an address even when no key has a block.
        private var blocks: ContiguousArray<UInt32> = [0]

        init(capacity: Int) {
            keys.reserveCapacity(capacity)
            blocks.reserveCapacity(capacity * 2 + 1)
        }

        var count: Int { keys.count }

        mutating func append(_ data: UnsafeBufferPointer<UInt8>) {
            let m: UInt32 = 0x5bd1_e995
            let length = data.count
            let blockCount = length >> 2
            let start = blocks.count
            for block in 0..<blockCount {
                let i = block << 2
                var k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
                k = k &* m
                k ^= k >> 24
                blocks.append(k &* m)
            }
            var tail: UInt32 = 0
            let left = length & 3
            if left >= 3 { tail ^= signExtended(data[length - 3]) << 16 }
            if left >= 2 { tail ^= signExtended(data[length - 2]) << 8 }
            if left >= 1 { tail ^= signExtended(data[length - 1]) }
            // Lengths and block offsets are bounded by Int32 string offsets upstream; truncation only ever changes
            // the length word, exactly as Java's int length would.
            keys.append(PreparedKey(length: UInt32(truncatingIfNeeded: length), blockStart: Int32(truncatingIfNeeded: start),
                                    blockCount: Int32(truncatingIfNeeded: blockCount), tail: tail, hasTail: left != 0))
        }

        func withKeys<R>(_ body: (UnsafeBufferPointer<PreparedKey>, UnsafePointer<UInt32>) throws -> R) rethrows -> R {
            try keys.withUnsafeBufferPointer { keys in
                try blocks.withUnsafeBufferPointer { blocks in
                    guard let base = blocks.baseAddress else { preconditionFailure("block words are never empty") }
                    return try body(keys, base)
                }
            }
        }
    }

    /// `hash(data, seed:)` from a prepared key: the same value, with only the seed-dependent steps done.
    @inline(__always)
    static func hash(_ key: PreparedKey, blocks: UnsafePointer<UInt32>, seed: Int32) -> Int32 {
        let m: UInt32 = 0x5bd1_e995
        var h = UInt32(bitPattern: seed) ^ key.length
        var i = Int(key.blockStart)
        let end = i &+ Int(key.blockCount)
        while i < end {
            h = (h &* m) ^ blocks[i]
            i &+= 1
        }
        if key.hasTail { h = (h ^ key.tail) &* m }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }

    /// A Java `byte` widened to `int`.
    @inline(__always)
    static func signExtended(_ byte: UInt8) -> UInt32 {
        UInt32(bitPattern: Int32(Int8(bitPattern: byte)))
    }
}
