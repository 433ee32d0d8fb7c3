extension InternalBloomFilter {
    /// `add` for many keys, the same bits set faster. Each key's Murmur blocks are mixed once
    /// (`MurmurHash.PreparedKeys`), so each of its `nbHash` chained hashes pays for the seed-dependent steps only,
    /// and four chains run side by side so their dependent multiplies overlap (each chain alone is a serial run
    /// of them).
    mutating func add<Keys: RandomAccessCollection>(_ keys: Keys) where Keys.Element == UnsafeBufferPointer<UInt8>, Keys.Index == Int {
        var prepared = MurmurHash.PreparedKeys(capacity: keys.count)
        for key in keys { prepared.append(key) }
        let (nbHash, remainder) = (Int(nbHash), FastRemainder(divisor: vectorSize))
        bits.withUnsafeMutableBufferPointer { bits in
            // |hash % vectorSize| < vectorSize <= bits.count * 8: every position is inside the vector.
            @inline(__always) func set(_ hash: Int32) {
                let position = remainder.magnitude(of: hash)
                bits[position >> 3] |= 1 << UInt8(truncatingIfNeeded: position & 7)
            }
            prepared.withKeys { keys, blocks in
                var k = 0
                while keys.count &- k >= 4 {
                    let (a, b, c, d) = (keys[k], keys[k &+ 1], keys[k &+ 2], keys[k &+ 3])
                    var (ha, hb, hc, hd): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                    for _ in 0..<nbHash {
                        ha = MurmurHash.hash(a, blocks: blocks, seed: ha)
                        hb = MurmurHash.hash(b, blocks: blocks, seed: hb)
                        hc = MurmurHash.hash(c, blocks: blocks, seed: hc)
                        hd = MurmurHash.hash(d, blocks: blocks, seed: hd)
                        set(ha)
                        set(hb)
                        set(hc)
                        set(hd)
                    }
                    k &+= 4
                }
                while k < keys.count {
                    var h: Int32 = 0
                    for _ in 0..<nbHash {
                        h = MurmurHash.hash(keys[k], blocks: blocks, seed: h)
                        set(h)
                    }
                    k &+= 1
                }
            }
        }
    }
}
