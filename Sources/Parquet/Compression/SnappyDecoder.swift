/// Snappy raw-block decompression (format_description.txt of google/snappy):
///
/// ```
/// block   := varint(uncompressed length) element*
/// element := literal | copy            tag byte, low 2 bits = element type
/// 00 literal: length - 1 in tag >> 2 (< 60), else in the next (tag >> 2) - 59 bytes, little-endian; the bytes
/// 01 copy:    length 4 + (tag >> 2 & 7), offset (tag >> 5) << 8 | next byte
/// 10 copy:    length 1 + (tag >> 2), offset u16 LE           11 copy: length 1 + (tag >> 2), offset u32 LE
/// ```
/// Written here rather than called in the system library because Parquet dictionary pages of numbers
/// decompress as millions of short literals and copies, and the library pays a memmove call per element:
/// short elements move as one 16-byte (or 8-byte) vector when both buffers have the room. Every length and
/// offset is checked against what is left of the input and what has been produced.
enum SnappyDecoder {
    /// Decompresses `input` into `output`, which the block must fill exactly.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard let source = input.baseAddress, let target = output.baseAddress else {
            throw PageCompression.corrupt(.snappy, "empty input or output")
        }
        var ip = try preamble(input, expected: output.count)
        let inEnd = input.count, outEnd = output.count
        var op = 0
        while ip < inEnd {
            let tag = Int(source.load(fromByteOffset: ip, as: UInt8.self))
            ip &+= 1
            if tag & 3 == 0 {
                var length = tag >> 2
                if length >= 60 {
                    let extra = length &- 59
                    guard inEnd &- ip >= extra else { throw invalid }
                    length = 0
                    for k in 0..<extra { length |= Int(source.load(fromByteOffset: ip &+ k, as: UInt8.self)) << (8 &* k) }
                    ip &+= extra
                }
                length &+= 1
                guard length <= inEnd &- ip, length <= outEnd &- op else { throw invalid }
                if length <= 16 && inEnd &- ip >= 16 && outEnd &- op >= 16 {
                    (target + op).storeBytes(of: (source + ip).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                } else {
                    (target + op).copyMemory(from: source + ip, byteCount: length)
                }
                ip &+= length
                op &+= length
                continue
            }
            let (length, offset, size) = try copyElement(tag, source, ip, inEnd)
            ip &+= size
            guard offset > 0, offset <= op, length <= outEnd &- op else { throw invalid }
            copyMatch(target, op, offset, length, outEnd)
            op &+= length
        }
        guard op == outEnd else { throw invalid }
    }

    static var invalid: ParquetError { PageCompression.corrupt(.snappy, "invalid compressed data") }

    /// The uncompressed length varint (at most 32 bits); returns where the elements start.
    private static func preamble(_ input: UnsafeRawBufferPointer, expected: Int) throws -> Int {
        var length = 0, shift = 0, ip = 0
        while true {
            guard ip < input.count, shift <= 28 else { throw PageCompression.corrupt(.snappy, "invalid length preamble") }
            let byte = input[ip]
            ip += 1
            length |= Int(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length == expected else {
            throw PageCompression.corrupt(.snappy, "preamble does not match the expected \(expected) bytes")
        }
        return ip
    }

    /// A copy element's length, offset and the bytes it took after the tag.
    @inline(__always)
    private static func copyElement(_ tag: Int, _ source: UnsafeRawPointer, _ ip: Int, _ inEnd: Int) throws
        -> (length: Int, offset: Int, size: Int) {
        switch tag & 3 {
        case 1:
            guard ip < inEnd else { throw invalid }
            let low = Int(source.load(fromByteOffset: ip, as: UInt8.self))
            return (4 &+ (tag >> 2 & 7), (tag >> 5) << 8 | low, 1)
        case 2:
            guard inEnd &- ip >= 2 else { throw invalid }
            return (1 &+ (tag >> 2), Int(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: ip, as: UInt16.self))), 2)
        default:
            guard inEnd &- ip >= 4 else { throw invalid }
            return (1 &+ (tag >> 2), Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: ip, as: UInt32.self))), 4)
        }
    }

    /// Copies `length` (at most 64) bytes from `offset` back. Vector steps read only bytes already final
    /// (the step is at most the offset) and may write past `length`, which later elements overwrite; they
    /// are used only when the output has 64 bytes of room.
    @inline(__always)
    private static func copyMatch(_ target: UnsafeMutableRawPointer, _ op: Int, _ offset: Int, _ length: Int, _ outEnd: Int) {
        let destination = target + op, source = target + (op &- offset)
        if outEnd &- op >= 64 && offset >= 16 {
            var k = 0
            while k < length {
                (destination + k).storeBytes(of: (source + k).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                k &+= 16
            }
        } else if outEnd &- op >= 64 && offset >= 8 {
            var k = 0
            while k < length {
                (destination + k).storeBytes(of: (source + k).loadUnaligned(as: UInt64.self), as: UInt64.self)
                k &+= 8
            }
        } else {
            for k in 0..<length {
                destination.storeBytes(of: source.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self)
            }
        }
    }
}
