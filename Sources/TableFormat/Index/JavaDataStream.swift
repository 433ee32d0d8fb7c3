/// The big-endian primitives of `java.io.DataOutput` / `DataInput` that Hadoop's `Writable` bloom filters use.
struct JavaDataOutput {
    var bytes: [UInt8] = []

    mutating func writeInt(_ value: Int32) {
        let v = UInt32(bitPattern: value)
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    mutating func writeByte(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ data: [UInt8]) { bytes.append(contentsOf: data) }
}

/// Reads what `JavaDataOutput` wrote; every read is bounded and a short input throws, naming `context`.
struct JavaDataInput {
    let bytes: [UInt8]
    private(set) var offset = 0
    /// Names the serialized value in error messages ("bloom filter of base file 'x'").
    let context: String

    init(_ bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    var remaining: Int { bytes.count - offset }

    mutating func readInt() throws -> Int32 {
        let b = try readFully(4)
        let i = b.startIndex
        return Int32(bitPattern: UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3]))
    }

    mutating func readByte() throws -> UInt8 { try readFully(1).first ?? 0 }

    /// The next `count` bytes, as a slice keeping the input's indices.
    mutating func readFully(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw TableFormatError(.invalidMetadata, "\(context): needs \(count) bytes at offset \(offset), only \(remaining) left")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
