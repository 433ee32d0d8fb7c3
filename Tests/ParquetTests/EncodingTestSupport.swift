import Columnar
@testable import Parquet

/// Deterministic random numbers for the encoding tests (TestRandom).
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ByteBuffer {
    var array: [UInt8] { bytes(0..<count) }
    func values<T: BitwiseCopyable>(_ type: T.Type) -> [T] { withUnsafeBufferPointer(as: T.self) { Array($0) } }
}

/// Runs `body` on every proper prefix of `bytes` (and on the whole) and reports which calls threw; a trap
/// fails the whole test run, which is the point.
func everyTruncation(of bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void) -> (threw: Int, passed: Int) {
    var threw = 0, passed = 0
    for n in 0...bytes.count {
        let prefix = Array(bytes[0..<n])
        do {
            try prefix.withUnsafeBytes { try body($0) }
            passed += 1
        } catch {
            threw += 1
        }
    }
    return (threw, passed)
}

/// RLE-decodes exactly `count` values or fewer when the data ends.
func decodeHybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
    try bytes.withUnsafeBytes { raw in
        var decoder = try RLEHybridDecoder(bytes: raw, bitWidth: bitWidth)
        var out = [UInt32](repeating: 0xFFFF_FFFF, count: count)
        let n = try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        return Array(out[0..<n])
    }
}
