/// Encoder of the RLE/bit-packed hybrid. Values are looked at in groups of 8: a group of 8 equal values
/// starts (or extends) an RLE run, any other group joins the open bit-packed run. A bit-packed run holds at
/// most 63 groups so its header stays one byte; its values wait in `packed` and are packed in one pass when
/// the run closes.

import Columnar

public struct RLEHybridEncoder {
    public let bitWidth: Int
    var out = ByteBuffer()
    /// Values of the open bit-packed run, the last (incomplete) group included.
    var packed = ContiguousArray<UInt64>()
    /// The value being repeated and how often in a row it has been seen since the last packed group.
    var repeatValue: UInt32 = 0
    var repeatCount = 0

    static let maxGroupsPerRun = 63

    /// - Precondition: `bitWidth` in 0...32 (a writer's own choice, not file data).
    public init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) outside 0...32")
        self.bitWidth = bitWidth
        packed.reserveCapacity(Self.maxGroupsPerRun * 8)
    }

    /// The smallest bit width that holds `maxValue`.
    public static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    @inline(__always)
    public mutating func append(_ value: UInt32) {
        if value == repeatValue && repeatCount > 0 {
            repeatCount += 1
            // Past 8, the run is already RLE and nothing needs buffering.
            if repeatCount > 8 { return }
        } else {
            if repeatCount >= 8 { writeRepeatedRun() }
            repeatCount = 1
            repeatValue = value
        }
        packed.append(UInt64(value))
        if packed.count & 7 == 0 { groupComplete() }
    }

    public mutating func append(contentsOf values: UnsafeBufferPointer<UInt32>) {
        for value in values { append(value) }
    }

    /// The encoded runs, without a length prefix. The encoder is empty afterwards.
    public mutating func finish() -> [UInt8] {
        var bytes = ByteBuffer()
        finish(into: &bytes)
        return bytes.bytes(0..<bytes.count)
    }

    /// Appends the encoded runs to `sink`; with `lengthPrefixed`, a `u32 LE` byte length first (the v1 form).
    public mutating func finish(into sink: inout ByteBuffer, lengthPrefixed: Bool = false) {
        flushAll()
        if lengthPrefixed { sink.append(UInt32(truncatingIfNeeded: out.count).littleEndian) }
        out.withUnsafeBytes { sink.append(raw: $0) }
        self = RLEHybridEncoder(bitWidth: bitWidth)
    }

    /// Size of the output so far (for page size decisions), not counting values still buffered.
    public var encodedByteCount: Int { out.count }

    mutating func groupComplete() {
        if repeatCount >= 8 {
            // The last 8 values are all equal: they become an RLE run, which closes the packed run before them.
            packed.removeLast(8)
            if !packed.isEmpty { writePackedRun() }
            return
        }
        repeatCount = 0
        if packed.count == Self.maxGroupsPerRun * 8 { writePackedRun() }
    }

    mutating func writePackedRun() {
        let groups = packed.count / 8
        out.append(UInt8(truncatingIfNeeded: groups << 1 | 1))
        packed.withUnsafeBufferPointer { BitPacker.pack($0.baseAddress!, count: groups * 8, bitWidth: bitWidth, into: &out) }
        packed.removeAll(keepingCapacity: true)
    }

    mutating func writeRepeatedRun() {
        out.appendULEB128(UInt64(repeatCount) << 1)
        var value = repeatValue
        for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
        repeatCount = 0
    }

    mutating func flushAll() {
        if repeatCount >= 8 || (repeatCount > 0 && packed.count == repeatCount) {
            // Only repeats are pending: one RLE run.
            packed.removeAll(keepingCapacity: true)
            writeRepeatedRun()
        } else if !packed.isEmpty {
            // Pad the last group with zeros; the reader stops at its value count.
            while packed.count & 7 != 0 { packed.append(0) }
            writePackedRun()
        }
        repeatCount = 0
    }
}
