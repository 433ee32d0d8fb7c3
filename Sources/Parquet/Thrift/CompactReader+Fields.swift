/// Typed field and element readers (checking the wire type) and skipping of unknown fields.
extension CompactReader {
    /// Any integer wire type (i8 raw, i16/i32/i64 zigzag): writers are free to widen.
    public mutating func readInteger(_ type: CompactType) throws -> Int64 {
        switch type {
        case .i8: return Int64(try readI8())
        case .i16, .i32, .i64: return try readZigzag()
        default: throw WireTypeMismatch()
        }
    }

    public mutating func readI32(_ field: FieldHeader) throws -> Int32 { try narrow(field.type, Int32.self) }
    public mutating func readI16(_ field: FieldHeader) throws -> Int16 { try narrow(field.type, Int16.self) }
    public mutating func readI8(_ field: FieldHeader) throws -> Int8 { try narrow(field.type, Int8.self) }
    public mutating func readI64(_ field: FieldHeader) throws -> Int64 { try readInteger(field.type) }

    /// An integer element or field narrowed to `T`, out-of-range values rejected.
    public mutating func narrow<T: FixedWidthInteger>(_ type: CompactType, _: T.Type) throws -> T {
        let start = position
        let v = try readInteger(type)
        guard let result = T(exactly: v) else {
            position = start
            throw corrupt("integer \(v) does not fit in \(T.self)")
        }
        return result
    }

    /// An i32 field that must not be negative (sizes and counts).
    public mutating func readCount(_ field: FieldHeader, _ name: StaticString) throws -> Int32 {
        let start = position
        let v = try readI32(field)
        guard v >= 0 else {
            position = start
            throw corrupt("negative \(name) \(v)")
        }
        return v
    }

    /// An i64 field that must not be negative.
    public mutating func readCount64(_ field: FieldHeader, _ name: StaticString) throws -> Int64 {
        let start = position
        let v = try readI64(field)
        guard v >= 0 else {
            position = start
            throw corrupt("negative \(name) \(v)")
        }
        return v
    }

    /// A bool struct field: the value is in the type nibble.
    public func readBool(_ field: FieldHeader) throws -> Bool {
        switch field.type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw WireTypeMismatch()
        }
    }

    /// A bool list element: one byte, 1 = true, anything else false.
    public mutating func readBoolElement() throws -> Bool { try readByte() == 1 }

    public mutating func readBinary(_ field: FieldHeader) throws -> [UInt8] {
        try expect(field, .binary)
        return try readBinary()
    }

    public mutating func readString(_ field: FieldHeader) throws -> String {
        try expect(field, .binary)
        return try readString()
    }

    public mutating func readDouble(_ field: FieldHeader) throws -> Double {
        try expect(field, .double)
        return try readDouble()
    }

    public mutating func readStruct<T: ThriftStruct>(_ field: FieldHeader, as _: T.Type = T.self) throws -> T {
        try expect(field, .struct)
        return try T.decode(from: &self)
    }

    public mutating func readStructList<T: ThriftStruct>(_ field: FieldHeader, of _: T.Type = T.self) throws -> [T] {
        try readList(field) { reader, type in
            guard type == .struct else { throw reader.corrupt("list of \(type) where structs were expected") }
            return try T.decode(from: &reader)
        }
    }

    public mutating func readBinaryList(_ field: FieldHeader) throws -> [[UInt8]] {
        try readList(field) { reader, type in
            guard type == .binary else { throw reader.corrupt("list of \(type) where binary was expected") }
            return try reader.readBinary()
        }
    }

    public mutating func readStringList(_ field: FieldHeader) throws -> [String] {
        try readList(field) { reader, type in
            guard type == .binary else { throw reader.corrupt("list of \(type) where strings were expected") }
            return try reader.readString()
        }
    }

    public mutating func readI64List(_ field: FieldHeader) throws -> [Int64] {
        try readList(field) { reader, type in try reader.readInteger(type) }
    }

    public mutating func readI32List(_ field: FieldHeader) throws -> [Int32] {
        try readList(field) { reader, type in try reader.narrow(type, Int32.self) }
    }

    /// Element type nibble 1 or 2 (both seen in the wild), one byte per element.
    public mutating func readBoolList(_ field: FieldHeader) throws -> [Bool] {
        try readList(field) { reader, type in
            guard type == .boolTrue || type == .boolFalse else {
                throw reader.corrupt("list of \(type) where bools were expected")
            }
            return try reader.readBoolElement()
        }
    }

    // MARK: Skipping

    /// Skips the value of a field of wire type `type` (unknown fields, unknown union members).
    public mutating func skip(_ type: CompactType) throws {
        switch type {
        case .boolTrue, .boolFalse: return
        case .stop: throw corrupt("unexpected Thrift stop type")
        default: try skipValue(type)
        }
    }

    /// Skips a list/map element, where bools take one byte.
    private mutating func skipElement(_ type: CompactType) throws {
        if type == .boolTrue || type == .boolFalse { _ = try readByte() } else { try skipValue(type) }
    }

    private mutating func skipValue(_ type: CompactType) throws {
        switch type {
        case .stop, .boolTrue, .boolFalse: _ = try readByte()
        case .i8: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(8, "double")
        case .binary: _ = try readBinarySkipping()
        case .list, .set: try skipList()
        case .map: try skipMap()
        case .struct:
            try readStruct("struct") { reader, field in try reader.skip(field.type) }
        }
    }

    private mutating func advance(_ n: Int, _ what: StaticString) throws {
        guard n <= remaining else { throw corrupt("Thrift \(what) runs past the end") }
        position &+= n
    }

    private mutating func readBinarySkipping() throws {
        let n = try readVarint()
        guard n <= UInt64(remaining) else { throw corrupt("Thrift binary length \(n) exceeds the \(remaining) remaining bytes") }
        position &+= Int(n)
    }

    private mutating func skipList() throws {
        let field = FieldHeader(id: 0, type: .list)
        _ = try readList(field) { reader, type -> Void in try reader.skipElement(type) }
    }

    private mutating func skipMap() throws {
        let n = try readVarint()
        guard n <= UInt64(remaining / 2) else { throw corrupt("Thrift map size \(n) exceeds the remaining bytes") }
        guard n > 0 else { return }
        let types = try readByte()
        guard let key = CompactType(rawValue: types >> 4), let value = CompactType(rawValue: types & 0x0F),
              key != .stop, value != .stop
        else { throw corrupt("unknown Thrift map types \(types)") }
        try enter("map")
        for _ in 0..<n {
            try skipElement(key)
            try skipElement(value)
        }
        leave()
    }
}
