import Columnar
@testable import Parquet

/// Random schemas and values covering every Columnar type, nulls at every level and nesting.
struct RandomData {
    var rng: TestRandom

    static let primitives: [DataType] = [
        .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
        .decimal(precision: 7, scale: 2), .decimal(precision: 15, scale: 3), .decimal(precision: 30, scale: 5),
        .decimal(precision: 38, scale: 0), .string, .binary, .fixedBinary(5), .date, .time(.millisecond),
        .time(.microsecond), .time(.nanosecond), .timestamp(.millisecond, utc: true),
        .timestamp(.microsecond, utc: false), .timestamp(.nanosecond, utc: true), .null,
    ]

    mutating func field(_ name: String, depth: Int) -> Field {
        let nullable = Int.random(in: 0..<3, using: &rng) != 0
        guard depth > 0, Int.random(in: 0..<3, using: &rng) == 0 else {
            let type = Self.primitives.randomElement(using: &rng)!
            return Field(name, type, nullable: nullable || type == .null)
        }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return Field(name, .list(field("element", depth: depth - 1)), nullable: nullable)
        case 1:
            let n = Int.random(in: 1...3, using: &rng)
            return Field(name, .structure((0..<n).map { field("f\($0)", depth: depth - 1) }), nullable: nullable)
        default:
            let key = Field("key", [.string, .int32, .int64].randomElement(using: &rng)!, nullable: false)
            return Field(name, .map(key: key, value: field("value", depth: depth - 1)), nullable: nullable)
        }
    }

    mutating func value(_ field: Field, nullRate: Int = 6) -> Value {
        if field.nullable && Int.random(in: 0..<nullRate, using: &rng) == 0 { return .null }
        return value(of: field.type)
    }

    mutating func value(of type: DataType) -> Value {
        switch type {
        case .null: return .null
        case .boolean: return .bool(Bool.random(using: &rng))
        case .int8: return .int(Int64(Int8.random(in: .min ... .max, using: &rng)))
        case .int16: return .int(Int64(Int16.random(in: .min ... .max, using: &rng)))
        case .int32, .date: return .int(Int64(Int32.random(in: .min ... .max, using: &rng)))
        case .time(let unit): return .int(Int64.random(in: 0..<86_400 * unit.perSecond, using: &rng))
        case .int64, .timestamp: return .int(small() ? Int64.random(in: -5...5, using: &rng) : Int64.random(in: .min ... .max, using: &rng))
        case .uint8: return .uint(UInt64(UInt8.random(in: .min ... .max, using: &rng)))
        case .uint16: return .uint(UInt64(UInt16.random(in: .min ... .max, using: &rng)))
        case .uint32: return .uint(UInt64(UInt32.random(in: .min ... .max, using: &rng)))
        case .uint64: return .uint(UInt64.random(in: .min ... .max, using: &rng))
        case .float16: return .float(Double(Float16Bits.toFloat(UInt16.random(in: 0...0x7BFF, using: &rng))) * (Bool.random(using: &rng) ? 1 : -1))
        case .float32: return .float(Double(special() ?? Double(Float.random(in: -1e6...1e6, using: &rng))))
        case .float64: return .float(special() ?? Double.random(in: -1e12...1e12, using: &rng))
        case .decimal(let precision, _):
            let digits = min(precision, 36)
            var magnitude = Int128(0)
            for _ in 0..<digits { magnitude = magnitude * 10 + Int128(Int.random(in: 0...9, using: &rng)) }
            return .decimal(Bool.random(using: &rng) ? -magnitude : magnitude)
        case .string:
            let pool = ["a", "b", "zz", "é", "日本", "\u{1F600}", "xyz", ""]
            return .string((0..<Int.random(in: 0...6, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined())
        case .binary: return .bytes((0..<Int.random(in: 0...9, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        case .fixedBinary(let n): return .bytes((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })
        case .list(let element):
            return .list((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(element) })
        case .structure(let fields): return .structure(fields.map { value($0) })
        case .map(let key, let item):
            return .map((0..<Int.random(in: 0...3, using: &rng)).map { _ in (key: value(of: key.type), value: value(item)) })
        }
    }

    private mutating func small() -> Bool { Int.random(in: 0..<4, using: &rng) == 0 }

    private mutating func special() -> Double? {
        guard Int.random(in: 0..<10, using: &rng) == 0 else { return nil }
        return [Double.nan, -0.0, 0.0, .infinity, -.infinity].randomElement(using: &rng)!
    }
}

/// Writes `columns` to memory and returns the file bytes.
func writeParquet(_ schema: Schema, _ columns: [Vector], options: ParquetWriteOptions = .init()) throws -> [UInt8] {
    let writer = try ParquetWriter(sink: MemorySink(), schema: schema, options: options)
    try writer.write(columns: columns)
    try writer.close()
    return (writer.sink as! MemorySink).bytes
}
