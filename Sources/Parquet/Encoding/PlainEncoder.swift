/// PLAIN encoding: the inverse of `PlainDecoder`, appending to a page body.

import Columnar
public enum PlainEncoder {
    /// INT32, INT64, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY, raw INT96: the little-endian bytes as they are.
    public static func encodeFixedWidth(_ values: UnsafeRawBufferPointer, into sink: inout ByteBuffer) {
        sink.append(raw: values)
    }

    /// BOOLEAN: one byte (0 or non-zero) per value in, one bit per value out, LSB-first, last byte zero-padded.
    public static func encodeBoolean(_ values: UnsafeBufferPointer<UInt8>, into sink: inout ByteBuffer) {
        let count = values.count
        sink.appendUninitialized((count + 7) / 8) { out in
            var i = 0
            var o = 0
            while i + 8 <= count {
                var byte: UInt8 = 0
                for bit in 0..<8 where values[i + bit] != 0 { byte |= 1 << UInt8(bit) }
                out[o] = byte
                o += 1
                i += 8
            }
            if i < count {
                var byte: UInt8 = 0
                for bit in 0..<(count - i) where values[i + bit] != 0 { byte |= 1 << UInt8(bit) }
                out[o] = byte
            }
        }
    }

    /// INT96 from Int64 nanoseconds since the epoch.
    public static func encodeInt96(_ values: UnsafeBufferPointer<Int64>, into sink: inout ByteBuffer) {
        sink.reserve(sink.count + values.count * 12)
        for value in values {
            let (nanos, day) = Int96.encode(nanosecondsSinceEpoch: value)
            sink.append(nanos.littleEndian)
            sink.append(day.littleEndian)
        }
    }

    /// BYTE_ARRAY: values `i` = `bytes[offsets[i]..<offsets[i + 1]]` for i in 0..<offsets.count - 1.
    public static func encodeByteArray(
        bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into sink: inout ByteBuffer
    ) {
        guard offsets.count > 1 else { return }
        // An empty byte buffer may have no address; then every value is empty and nothing is read from it.
        let src = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        let count = offsets.count - 1
        let total = Int(offsets[count]) - Int(offsets[0])
        // One reservation, then raw stores: no per-value capacity checks or calls.
        sink.appendUninitialized(capacity: total &+ 4 &* count) { out in
            let dst = out.baseAddress!
            var o = 0
            var start = Int(offsets[0])
            for i in 1...count {
                let end = Int(offsets[i])
                let length = end &- start
                dst.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: o, as: UInt32.self)
                (dst + (o &+ 4)).copyMemory(from: src + start, byteCount: length)
                o &+= 4 &+ length
                start = end
            }
            return o
        }
    }
}
