/// Encoding: every Parquet value and level encoding, both directions. Page codecs live in `Compression/`.
///
/// API boundary (what the reader and writer code against):
/// - Input is the page's values (or levels) section as an `UnsafeRawBufferPointer`, untrusted: every length,
///   count, bit width and index is checked and a violation throws `ParquetError(.corrupt, "<ENCODING>: ...")`
///   naming the encoding and the byte offset; the reader prefixes the column path and page offset. Decoders
///   never trap on bytes. Callers pass the page header's value count (`count` / `maxCount`), which bounds what
///   a decoder allocates; counts from inside a section are also checked against the bytes that remain.
/// - Decoded output is appended straight to Columnar buffers (nothing already there is touched):
///   fixed-width values -> `inout ByteBuffer` (little-endian, the Columnar layout); byte arrays -> `bytes:
///   inout ByteBuffer` + `offsets: inout ContiguousArray<Int32>` (Arrow offsets: the caller has put the
///   leading entry, new entries continue from `bytes.count`); booleans -> one byte (0/1) each; INT96 ->
///   Int64 nanoseconds since the Unix epoch, wrapping (`Int96` has the raw pair and a checked conversion).
/// - Encoders append to an `inout ByteBuffer` sink (the page body under construction). Their inputs are the
///   non-null values in the same layouts.
/// - Decoders that are followed by more data return the exact end offset (`(count, end)`).
///
/// Code map (one type per file):
/// - `RLEHybridDecoder` / `RLEHybridEncoder`: the RLE/bit-packed hybrid (levels, dictionary indices, RLE
///   booleans); `lengthPrefixed` / `finish(into:lengthPrefixed:)` for the `u32` length form.
///   `BitPackedLevels`: the deprecated MSB-first BIT_PACKED level encoding.
/// - `BitUnpacker` / `BitPacker`: LSB-first bit (un)packing, a loop specialized per bit width.
/// - `PlainDecoder` / `PlainEncoder` / `Int96`: PLAIN for every physical type.
/// - `DictionaryDecoder`: bit-width byte + indices -> checked indices or gathered values (fixed width, byte
///   arrays). `DictionaryEncoder`: hash table on value bytes -> indices, the PLAIN dictionary page, its size.
/// - `DeltaBinaryPacked` (INT32 wraps at 32 bits, INT64 at 64), `DeltaLengthByteArray`, `DeltaByteArray`
///   (BYTE_ARRAY and FLBA), `ByteStreamSplit` (any width): `decode...` and `encode...`.
///
/// **Invariant:** nothing here reads outside the section it was given, whatever the bytes say; unchecked
/// pointer reads happen only after a bounds check on the section (see `ByteCursor`, `Unpack.run32`).

import Columnar

/// A read cursor over untrusted bytes: every read is bounds-checked and throws with `encoding` in the message.
@usableFromInline
struct ByteCursor {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset: Int
    @usableFromInline let encoding: StaticString

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, encoding: StaticString) {
        self.bytes = bytes
        self.offset = offset
        self.encoding = encoding
    }

    @inlinable var remaining: Int { bytes.count - offset }

    @usableFromInline
    func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corrupt, "\(encoding): \(what)")
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    @inlinable
    mutating func readULEB128() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte > 1 { break }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { break }
        }
        throw corrupt(offset >= bytes.count ? "truncated varint at byte \(start)" : "varint too long at byte \(start)")
    }

    /// A zigzag-encoded LEB128 varint.
    @inlinable
    mutating func readZigZag() throws -> Int64 {
        let raw = try readULEB128()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inlinable
    mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupt("truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` bytes as a slice of the input.
    @inlinable
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw corrupt("\(what()) of \(count) bytes at byte \(offset) runs past the \(bytes.count)-byte section")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}

extension ByteBuffer {
    /// Appends a ULEB128 varint.
    @inlinable
    mutating func appendULEB128(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(truncatingIfNeeded: v))
    }

    @inlinable
    mutating func appendZigZag(_ value: Int64) {
        appendULEB128(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Grows by `count` bytes that `body` writes in full (they are not zeroed first).
    @inlinable
    mutating func appendUninitialized<R>(
        _ count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) rethrows -> R {
        var result: R?
        try appendUninitialized(capacity: count) { region in
            result = try body(region)
            return count
        }
        return result!
    }
}

/// Appends one offset per value to Arrow-style offsets, checking that the total fits in Int32.
@inlinable
func checkedOffset(_ end: Int, encoding: StaticString) throws -> Int32 {
    guard end <= Int(Int32.max) else {
        throw ParquetError(.unsupported, "\(encoding): byte array data exceeds 2 GiB in one vector (\(end) bytes)")
    }
    return Int32(truncatingIfNeeded: end)
}
