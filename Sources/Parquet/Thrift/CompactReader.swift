/// Thrift compact protocol, reading side.
///
/// ```
/// struct      := field* 0x00
/// field       := [delta:4 | type:4] (zigzag-varint i16 id, only when delta == 0) value
/// bool field  := the value is the type nibble (1 = true, 2 = false); no payload
/// i8          := one raw byte          i16/i32/i64 := ULEB128 varint of the zigzag value
/// double      := 8 bytes LE            binary      := varint length, bytes
/// list/set    := [size:4 | elemType:4] (varint size when the nibble is 15) elements
/// map         := varint size, [keyType:4 | valueType:4] when size > 0, key value pairs
/// ```
/// Everything here reads untrusted bytes: every length is checked against what remains, sizes and counts are
/// bounded, nesting is bounded by `maxDepth`, and every failure throws `ParquetError(.corrupt)` with the
/// byte offset (relative to `baseOffset`, so callers can make it a file offset).

/// Wire types of the compact protocol.
public enum CompactType: UInt8, Sendable {
    case stop = 0, boolTrue = 1, boolFalse = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
    case list = 9, set = 10, map = 11, `struct` = 12
}

/// A struct field header: absolute field id and wire type.
public struct FieldHeader: Sendable, Equatable {
    public let id: Int16
    public let type: CompactType
    public init(id: Int16, type: CompactType) {
        self.id = id
        self.type = type
    }
}

/// A parquet.thrift struct that can be read from and written to the compact protocol.
public protocol ThriftStruct {
    static func decode(from reader: inout CompactReader) throws -> Self
    func encode(to writer: inout CompactWriter)
}

/// Reads the compact protocol from borrowed memory. The buffer must outlive the reader (use it inside
/// `withUnsafeBytes`, or through `decode(_:from:)`).
public struct CompactReader {
    /// Structs and containers nested deeper than this are rejected (parquet.thrift needs about 8).
    public static let maxDepth = 64

    public let buffer: UnsafeRawBufferPointer
    /// Read position within `buffer`.
    public internal(set) var position: Int
    /// Added to `position` in error messages (e.g. the file offset of `buffer[0]`).
    public let baseOffset: Int
    private var depth = 0

    public init(_ buffer: UnsafeRawBufferPointer, position: Int = 0, baseOffset: Int = 0) {
        self.buffer = buffer
        self.position = max(0, min(position, buffer.count))
        self.baseOffset = baseOffset
    }

    /// Decodes one `T` from the start of `bytes`; returns it and the number of bytes it took.
    public static func decode<T: ThriftStruct>(
        _ type: T.Type, from bytes: [UInt8], at offset: Int = 0, baseOffset: Int = 0
    ) throws -> (value: T, length: Int) {
        try bytes.withUnsafeBytes { raw in
            var reader = CompactReader(raw, position: offset, baseOffset: baseOffset)
            let value = try T.decode(from: &reader)
            return (value, reader.position - offset)
        }
    }

    public var remaining: Int { buffer.count &- position }

    /// A `.corrupt` error naming the current byte offset.
    public func corrupt(_ what: String) -> ParquetError {
        ParquetError(.corrupt, "\(what) at byte offset \(baseOffset &+ position)")
    }

    // MARK: Primitives

    public mutating func readByte() throws -> UInt8 {
        guard position < buffer.count else { throw corrupt("Thrift data ends early") }
        let byte = buffer[position]
        position &+= 1
        return byte
    }

    /// ULEB128, at most 10 bytes.
    @inline(__always)
    public mutating func readVarint() throws -> UInt64 {
        if position < buffer.count {
            let byte = buffer[position]
            if byte < 0x80 {
                position &+= 1
                return UInt64(byte)
            }
        }
        return try readVarintSlow()
    }

    private mutating func readVarintSlow() throws -> UInt64 {
        if buffer.count &- position >= 10 {
            // No bounds checks needed: a valid varint is at most 10 bytes.
            var result: UInt64 = 0
            var shift: UInt64 = 0
            var p = position
            while shift < 63 {
                let byte = buffer[p]
                p &+= 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 {
                    position = p
                    return result
                }
                shift &+= 7
            }
        }
        return try readVarintChecked()
    }

    private mutating func readVarintChecked() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = position
        while true {
            guard p < buffer.count else { throw corrupt("Thrift varint runs past the end") }
            let byte = buffer[p]
            p &+= 1
            if shift == 63 && byte > 1 { throw corrupt("Thrift varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                position = p
                return result
            }
            shift &+= 7
        }
    }

    public mutating func readZigzag() throws -> Int64 {
        let u = try readVarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    public mutating func readI16() throws -> Int16 {
        let v = try readZigzag()
        guard let narrow = Int16(exactly: v) else { throw corrupt("Thrift i16 value \(v) out of range") }
        return narrow
    }

    public mutating func readI32() throws -> Int32 {
        let v = try readZigzag()
        guard let narrow = Int32(exactly: v) else { throw corrupt("Thrift i32 value \(v) out of range") }
        return narrow
    }

    public mutating func readI64() throws -> Int64 { try readZigzag() }

    public mutating func readI8() throws -> Int8 { Int8(bitPattern: try readByte()) }

    public mutating func readDouble() throws -> Double {
        guard remaining >= 8 else { throw corrupt("Thrift double runs past the end") }
        let bits = buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position &+= 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// A length that must fit in the remaining bytes (each unit taking at least `unitSize` bytes).
    private mutating func readLength(_ what: String, unitSize: Int = 1) throws -> Int {
        let start = position
        let n = try readVarint()
        guard n <= UInt64(remaining / unitSize) else {
            position = start
            throw corrupt("Thrift \(what) length \(n) exceeds the \(remaining) remaining bytes")
        }
        return Int(n)
    }

    public mutating func readBinary() throws -> [UInt8] {
        let n = try readLength("binary")
        let bytes = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[position..<position &+ n]))
        position &+= n
        return bytes
    }

    public mutating func readString() throws -> String {
        let n = try readLength("string")
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[position..<position &+ n]), as: UTF8.self)
        position &+= n
        return s
    }

    // MARK: Structure

    /// The next field header of the current struct, or nil at its stop byte.
    public mutating func readFieldHeader(previousID: Int16) throws -> FieldHeader? {
        let byte = try readByte()
        if byte == 0 { return nil }
        guard let type = CompactType(rawValue: byte & 0x0F) else {
            position &-= 1
            throw corrupt("unknown Thrift compact type \(byte & 0x0F)")
        }
        let delta = Int16(byte >> 4)
        let id = delta != 0 ? previousID &+ delta : try readI16()
        return FieldHeader(id: id, type: type)
    }

    /// Reads a struct: calls `body` for each field (ids are absolute) until the stop byte, and returns the ids
    /// of the fields read. A field whose wire type is not the one `body` expects is skipped like an unknown
    /// field (what Thrift-generated readers do). Errors thrown inside are prefixed with the struct name and
    /// field id.
    @inline(__always) @discardableResult
    public mutating func readStruct(
        _ name: StaticString, _ body: (inout CompactReader, FieldHeader) throws -> Void
    ) throws -> SeenFields {
        try enter(name)
        var previous: Int16 = 0
        var seen = SeenFields()
        while let field = try readFieldHeader(previousID: previous) {
            do {
                try body(&self, field)
                seen.insert(field.id)
            } catch is WireTypeMismatch {
                try skip(field.type)
            } catch let error as ParquetError {
                throw error.prefixed("\(name) field \(field.id)")
            }
            previous = field.id
        }
        leave()
        return seen
    }

    @inline(__always)
    mutating func enter(_ what: StaticString) throws {
        guard depth < Self.maxDepth else { throw depthError(what) }
        depth &+= 1
    }

    private func depthError(_ what: StaticString) -> ParquetError {
        corrupt("Thrift \(what) nested deeper than \(Self.maxDepth)")
    }

    @inline(__always)
    mutating func leave() { depth &-= 1 }


    /// A list or set header: element type and count (bounded by the remaining bytes, one byte per element).
    public mutating func readListHeader() throws -> (elementType: CompactType, count: Int) {
        let byte = try readByte()
        guard let type = CompactType(rawValue: byte & 0x0F), type != .stop else {
            position &-= 1
            throw corrupt("unknown Thrift list element type \(byte & 0x0F)")
        }
        let size = byte >> 4
        if size != 15 {
            guard Int(size) <= remaining else { throw corrupt("Thrift list of \(size) runs past the end") }
            return (type, Int(size))
        }
        return (type, try readLength("list"))
    }

    /// Reads a list field; `element` gets the element wire type.
    public mutating func readList<T>(
        _ field: FieldHeader, _ element: (inout CompactReader, CompactType) throws -> T
    ) throws -> [T] {
        guard field.type == .list || field.type == .set else { throw WireTypeMismatch() }
        try enter("list")
        let (type, count) = try readListHeader()
        var result: [T] = []
        result.reserveCapacity(min(count, 4096))
        for _ in 0..<count { result.append(try element(&self, type)) }
        leave()
        return result
    }

    /// Throws unless `field` has wire type `type`. Nothing has been consumed then, so `readStruct` skips
    /// the field.
    @inline(__always)
    public func expect(_ field: FieldHeader, _ type: CompactType) throws {
        guard field.type == type else { throw WireTypeMismatch() }
    }
}

/// A field arrived with another wire type than its definition; thrown before its value is consumed.
struct WireTypeMismatch: Error {}

/// Field ids seen while decoding a struct, to check the required ones.
public struct SeenFields: Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt64 = 0

    public init() {}

    public init(arrayLiteral ids: Int16...) {
        for id in ids { insert(id) }
    }

    @inline(__always)
    mutating func insert(_ id: Int16) {
        if id >= 0 && id < 64 { bits |= 1 << UInt64(id) }
    }

    public func contains(_ id: Int16) -> Bool { id >= 0 && id < 64 && bits & (1 << UInt64(id)) != 0 }

    /// Throws naming the lowest-numbered field of `required` that was not seen.
    @inline(__always)
    func require(_ required: SeenFields, in name: StaticString, _ reader: CompactReader) throws {
        let missing = required.bits & ~bits
        guard missing != 0 else { return }
        throw reader.corrupt("\(name) is missing required field \(missing.trailingZeroBitCount)")
    }
}
