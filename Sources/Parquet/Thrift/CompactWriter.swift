/// Thrift compact protocol, writing side: the mirror image of `CompactReader`, appending to `bytes`.
/// Field ids are written as deltas when 1...15 above the previous id of the same struct, else in full.
public struct CompactWriter {
    public var bytes: [UInt8]
    private var lastFieldID: Int16 = 0

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Encodes one struct into fresh bytes.
    public static func encode<T: ThriftStruct>(_ value: T) -> [UInt8] {
        var writer = CompactWriter()
        value.encode(to: &writer)
        return writer.bytes
    }

    // MARK: Primitives

    @inline(__always)
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    public mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    // MARK: Structure

    /// Writes a struct: `body` writes the fields in increasing id order, then the stop byte follows.
    @inline(__always)
    public mutating func writeStruct(_ body: (inout CompactWriter) -> Void) {
        let saved = lastFieldID
        lastFieldID = 0
        body(&self)
        bytes.append(0)
        lastFieldID = saved
    }

    public mutating func writeFieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = Int32(id) - Int32(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldID = id
    }

    public mutating func writeListHeader(_ elementType: CompactType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: Fields

    public mutating func write(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    public mutating func write(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id, .i8)
        bytes.append(UInt8(bitPattern: value))
    }

    public mutating func write(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id, .i16)
        writeZigzag(Int64(value))
    }

    public mutating func write(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeZigzag(Int64(value))
    }

    public mutating func write(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeZigzag(value)
    }

    public mutating func write(_ id: Int16, double value: Double) {
        writeFieldHeader(id, .double)
        writeDouble(value)
    }

    public mutating func write(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    public mutating func write(_ id: Int16, string value: String) {
        writeFieldHeader(id, .binary)
        writeString(value)
    }

    public mutating func write<T: ThriftStruct>(_ id: Int16, struct value: T) {
        writeFieldHeader(id, .struct)
        value.encode(to: &self)
    }

    /// An empty struct (union members such as `StringType`, `TypeDefinedOrder`).
    public mutating func writeEmptyStruct(_ id: Int16) {
        writeFieldHeader(id, .struct)
        bytes.append(0)
    }

    public mutating func write<T: ThriftStruct>(_ id: Int16, structs values: [T]) {
        writeFieldHeader(id, .list)
        writeListHeader(.struct, count: values.count)
        for value in values { value.encode(to: &self) }
    }

    public mutating func write(_ id: Int16, i32s values: [Int32]) {
        writeFieldHeader(id, .list)
        writeListHeader(.i32, count: values.count)
        for value in values { writeZigzag(Int64(value)) }
    }

    public mutating func write(_ id: Int16, i64s values: [Int64]) {
        writeFieldHeader(id, .list)
        writeListHeader(.i64, count: values.count)
        for value in values { writeZigzag(value) }
    }

    public mutating func write(_ id: Int16, binaries values: [[UInt8]]) {
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinary(value) }
    }

    public mutating func write(_ id: Int16, strings values: [String]) {
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeString(value) }
    }

    /// Bool elements take one byte each: 1 = true, 2 = false (what other writers emit).
    public mutating func write(_ id: Int16, bools values: [Bool]) {
        writeFieldHeader(id, .list)
        writeListHeader(.boolTrue, count: values.count)
        for value in values { bytes.append(value ? 1 : 2) }
    }
}
