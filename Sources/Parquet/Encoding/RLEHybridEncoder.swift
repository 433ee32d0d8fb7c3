/// Encoder of the RLE/bit-packed hybrid. Values are looked at in groups of 8: a group of 8 equal values
/// starts (or extends) an RLE run, any other group is appended to the open bit-packed run. A bit-packed run
/// holds at most 63 groups so its header stays one byte, which is written once the run closes.

import Columnar
public struct RLEHybridEncoder {
    public let bitWidth: Int
    @usableFromInline var out = ByteBuffer()
    /// Values of the current, incomplete group.
    @usableFromInline var buffered: [UInt64] = Array(repeating: 0, count: 8)
    @usableFromInline var bufferedCount = 0
    /// The value being repeated and how many times in a row it has been seen (since the last packed group).
    @usableFromInline var repeatValue: UInt32 = 0
    @usableFromInline var repeatCount = 0
    /// Groups in the open bit-packed run, and where its header byte is reserved (-1 when none is open).
    @usableFromInline var packedGroups = 0
    @usableFromInline var headerOffset = -1

    static let maxGroupsPerRun = 63

    /// - Precondition: `bitWidth` in 0...32 (a writer's own choice, not file data).
    public init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) outside 0...32")
        self.bitWidth = bitWidth
    }

    /// The smallest bit width that holds `maxValue`.
    public static func bitWidth(forMaxValue maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    public mutating func append(_ value: UInt32) {
        if value == repeatValue && repeatCount > 0 {
            repeatCount += 1
            // Past 8, the run is already RLE and nothing needs buffering.
            if repeatCount > 8 { return }
        } else {
            if repeatCount >= 8 { flushRepeatedRun() }
            repeatCount = 1
            repeatValue = value
        }
        buffered[bufferedCount] = UInt64(value)
        bufferedCount += 1
        if bufferedCount == 8 { flushGroup() }
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

    /// Size of the output so far (for page size decisions), not counting buffered values.
    public var encodedByteCount: Int { out.count }

    mutating func flushGroup() {
        if repeatCount >= 8 {
            // The 8 buffered values are all equal: they become an RLE run, which closes any packed run.
            bufferedCount = 0
            if packedGroups > 0 { closePackedRun() }
            return
        }
        if headerOffset < 0 {
            headerOffset = out.count
            out.append(UInt8(0))
        }
        buffered.withUnsafeBufferPointer { BitPacker.packGroup($0.baseAddress!, bitWidth: bitWidth, into: &out) }
        packedGroups += 1
        bufferedCount = 0
        repeatCount = 0
        if packedGroups == Self.maxGroupsPerRun { closePackedRun() }
    }

    mutating func closePackedRun() {
        let header = UInt8(truncatingIfNeeded: packedGroups << 1 | 1)
        out.withUnsafeMutableBufferPointer(as: UInt8.self) { $0[headerOffset] = header }
        headerOffset = -1
        packedGroups = 0
    }

    mutating func flushRepeatedRun() {
        out.appendULEB128(UInt64(repeatCount) << 1)
        var value = repeatValue
        for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
        bufferedCount = 0
        repeatCount = 0
    }

    mutating func flushAll() {
        guard packedGroups > 0 || repeatCount > 0 || bufferedCount > 0 else { return }
        let allRepeated = packedGroups == 0 && (repeatCount == bufferedCount || bufferedCount == 0)
        if repeatCount > 0 && allRepeated {
            flushRepeatedRun()
            return
        }
        if bufferedCount > 0 {
            // Pad the last group with zeros; the reader stops at its value count.
            for i in bufferedCount..<8 { buffered[i] = 0 }
            repeatCount = 0
            flushGroup()
        }
        if packedGroups > 0 { closePackedRun() }
        repeatCount = 0
    }
}
