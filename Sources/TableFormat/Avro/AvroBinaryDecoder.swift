/// Decodes Avro's binary encoding (zig-zag varints, length-prefixed bytes, blocked arrays and maps) against a
/// writer schema. Every length and count is bounded by the bytes left, so corrupt input throws.
public struct AvroBinaryDecoder {
    let bytes: [UInt8]
    public private(set) var position: Int
    let end: Int
    var depth = 0

    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    public var isAtEnd: Bool { position >= end }

    public mutating func decode(_ schema: AvroSchema) throws -> AvroValue {
        depth += 1
        defer { depth -= 1 }
        guard depth < 128 else { throw error("datum nested deeper than 128 levels") }
        switch schema {
        case .null: return .null
        case .boolean:
            let b = try byte()
            guard b <= 1 else { throw error("boolean byte \(b)") }
            return .boolean(b == 1)
        case .int:
            let v = try long()
            guard let i = Int32(exactly: v) else { throw error("int \(v) out of range") }
            return .int(i)
        case .long: return .long(try long())
        case .float: return .float(Float(bitPattern: UInt32(littleEndianBytes: try take(4))))
        case .double: return .double(Double(bitPattern: UInt64(littleEndianBytes: try take(8))))
        case .bytes: return .bytes(try lengthPrefixed())
        case .string: return .string(String(decoding: try lengthPrefixed(), as: UTF8.self))
        case .fixed(_, let size): return .fixed(try take(size))
        case .enumeration(let name, let symbols):
            let index = try long()
            guard index >= 0, index < symbols.count else { throw error("enum \(name) index \(index) of \(symbols.count)") }
            return .enumeration(symbols[Int(index)])
        case .union(let branches):
            let index = try long()
            guard index >= 0, index < branches.count else { throw error("union branch \(index) of \(branches.count)") }
            return try decode(branches[Int(index)])
        case .record(_, let fields):
            var values: [(name: String, value: AvroValue)] = []
            values.reserveCapacity(fields.count)
            for field in fields { values.append((field.name, try decode(field.type))) }
            return .record(values)
        case .array(let items):
            var values: [AvroValue] = []
            try blocks { values.append(try $0.decode(items)) }
            return .array(values)
        case .map(let valueSchema):
            var entries: [(key: String, value: AvroValue)] = []
            try blocks { decoder in
                let key = String(decoding: try decoder.lengthPrefixed(), as: UTF8.self)
                entries.append((key, try decoder.decode(valueSchema)))
            }
            return .map(entries)
        case .logical(let base, _): return try decode(base)
        }
    }

    /// Array and map blocks: a count (negative: followed by a byte size), then items, until a 0 count.
    private mutating func blocks(_ item: (inout AvroBinaryDecoder) throws -> Void) throws {
        while true {
            var count = try long()
            if count == 0 { return }
            if count < 0 {
                guard count != Int64.min else { throw error("block count overflow") }
                count = -count
                _ = try long()
            }
            // Each item takes at least one byte unless its schema is null; bound by a generous multiple.
            guard count <= Int64(end - position) * 8 + 1024 else { throw error("block of \(count) items in \(end - position) bytes") }
            for _ in 0..<count { try item(&self) }
        }
    }

    public mutating func long() throws -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw error("varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    public mutating func lengthPrefixed() throws -> [UInt8] {
        let length = try long()
        guard length >= 0 else { throw error("negative length \(length)") }
        return try take(Int(clamping: length))
    }

    public mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= end - position else {
            throw error("\(count) bytes wanted, \(end - position) left")
        }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func byte() throws -> UInt8 {
        guard position < end else { throw error("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    func error(_ why: String) -> TableFormatError {
        TableFormatError(.invalidAvro, "Avro binary at offset \(position): \(why)")
    }
}

extension FixedWidthInteger {
    init(littleEndianBytes bytes: [UInt8]) {
        var value: Self = 0
        for (i, b) in bytes.enumerated() { value |= Self(b) << (8 * i) }
        self = value
    }
}
