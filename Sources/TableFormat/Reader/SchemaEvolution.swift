import Columnar

/// Reads a base file's columns under the table schema (Hudi's default schema evolution): columns are matched
/// by name (struct fields too), a missing nullable column reads as null, and types widen int → long,
/// int/long → double, float → double, decimal precision up, timestamp units; string and binary interchange.
/// int/long → string (decimal text, as Hudi promotes a timestamp key generator's partition field).
/// Anything else is a `schemaMismatch` naming the file and the column path.
public enum SchemaEvolution {
    public static func evolve(_ batch: Batch, to schema: Schema, file: String) throws -> Batch {
        var columns: [Vector] = []
        columns.reserveCapacity(schema.fields.count)
        for field in schema.fields {
            if let index = batch.schema.index(of: field.name) {
                columns.append(try evolve(batch.columns[index], to: field.type, path: field.name, file: file))
            } else {
                guard field.nullable else {
                    throw TableFormatError(.schemaMismatch, "base file '\(file)' lacks non-nullable column '\(field.name)'")
                }
                columns.append(nulls(field.type, count: batch.count))
            }
        }
        return Batch(schema: schema, columns: columns, count: batch.count, selection: batch.selection)
    }

    static func evolve(_ vector: Vector, to target: DataType, path: String, file: String) throws -> Vector {
        if vector.type == target { return vector }
        var out = vector
        out.type = target
        switch (vector.type, target) {
        case (.null, _):
            return nulls(target, count: vector.count)
        case (.int8, .int32), (.int8, .int64), (.int16, .int32), (.int16, .int64), (.int32, .int64),
             (.int8, .float64), (.int16, .float64), (.int32, .float64), (.int64, .float64), (.float32, .float64):
            out.buffer = try widen(vector, to: target, path: path, file: file)
        case (.string, .binary), (.binary, .string):
            break
        case (.int8, .string), (.int16, .string), (.int32, .string), (.int64, .string):
            (out.offsets, out.buffer) = decimalText(vector)
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)) where s1 == s2 && p1 <= p2:
            if (p1 <= 18) != (p2 <= 18) { out.buffer = map(vector.buffer, Int64.self, count: vector.count) { Int128($0) } }
        case (.timestamp(let u1, _), .timestamp(let u2, _)):
            out.buffer = try rescale(vector, from: u1, to: u2, path: path, file: file)
        case (.structure(let sourceFields), .structure(let targetFields)):
            out.children = try targetFields.map { field in
                if let index = sourceFields.firstIndex(where: { $0.name == field.name }) {
                    return try evolve(vector.children[index], to: field.type, path: path + "." + field.name, file: file)
                }
                guard field.nullable else {
                    throw TableFormatError(.schemaMismatch, "base file '\(file)' lacks non-nullable field '\(path).\(field.name)'")
                }
                return nulls(field.type, count: vector.count)
            }
        case (.list, .list(let element)):
            out.children = [try evolve(vector.children[0], to: element.type, path: path + ".element", file: file)]
        case (.map, .map(let key, let value)):
            out.children = [try evolve(vector.children[0], to: key.type, path: path + ".key", file: file),
                            try evolve(vector.children[1], to: value.type, path: path + ".value", file: file)]
        default:
            throw TableFormatError(.schemaMismatch, "base file '\(file)' has column '\(path)' as \(vector.type), which cannot be read as \(target)")
        }
        return out
    }

    private static func widen(_ vector: Vector, to target: DataType, path: String, file: String) throws -> ByteBuffer {
        let n = vector.count
        switch (vector.type, target) {
        case (.int8, .int32): return map(vector.buffer, Int8.self, count: n) { Int32($0) }
        case (.int16, .int32): return map(vector.buffer, Int16.self, count: n) { Int32($0) }
        case (.int8, .int64): return map(vector.buffer, Int8.self, count: n) { Int64($0) }
        case (.int16, .int64): return map(vector.buffer, Int16.self, count: n) { Int64($0) }
        case (.int32, .int64): return map(vector.buffer, Int32.self, count: n) { Int64($0) }
        case (.int8, .float64): return map(vector.buffer, Int8.self, count: n) { Double($0) }
        case (.int16, .float64): return map(vector.buffer, Int16.self, count: n) { Double($0) }
        case (.int32, .float64): return map(vector.buffer, Int32.self, count: n) { Double($0) }
        case (.int64, .float64): return map(vector.buffer, Int64.self, count: n) { Double($0) }
        case (.float32, .float64): return map(vector.buffer, Float.self, count: n) { Double($0) }
        default: throw TableFormatError(.schemaMismatch, "base file '\(file)': no widening of '\(path)' from \(vector.type) to \(target)")
        }
    }

    private static func rescale(_ vector: Vector, from: TimeUnit, to: TimeUnit, path: String, file: String) throws -> ByteBuffer {
        if from == to { return vector.buffer }
        if to.perSecond > from.perSecond {
            let factor = to.perSecond / from.perSecond
            return map(vector.buffer, Int64.self, count: vector.count) { $0 &* factor }
        }
        let factor = from.perSecond / to.perSecond
        return map(vector.buffer, Int64.self, count: vector.count) { $0 / factor }
    }

    /// Integers as decimal text: offsets and bytes, digits written in place without a String per value.
    static func decimalText(_ vector: Vector) -> (ContiguousArray<Int32>, ByteBuffer) {
        let n = vector.count
        var offsets = ContiguousArray<Int32>(repeating: 0, count: n + 1)
        var bytes = ByteBuffer(capacity: n * 8)
        var digits = [UInt8](repeating: 0, count: 20)
        for row in 0..<n {
            if !vector.isNull(row) {
                let value: Int64
                switch vector.type {
                case .int8: value = Int64(vector.buffer.load(row, as: Int8.self))
                case .int16: value = Int64(vector.buffer.load(row, as: Int16.self))
                case .int32: value = Int64(vector.buffer.load(row, as: Int32.self))
                default: value = vector.buffer.load(row, as: Int64.self)
                }
                var magnitude = value.magnitude
                var start = digits.count
                repeat {
                    start -= 1
                    digits[start] = UInt8(48 + magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                if value < 0 { bytes.append(UInt8(45)) }
                bytes.append(contentsOf: digits[start...])
            }
            offsets[row + 1] = Int32(bytes.count)
        }
        return (offsets, bytes)
    }

    /// One tight loop from a buffer of `S` to a new buffer of `T`.
    @inline(__always)
    static func map<S: BitwiseCopyable, T: BitwiseCopyable>(_ buffer: ByteBuffer, _ source: S.Type, count: Int,
                                                            _ transform: (S) -> T) -> ByteBuffer {
        var out = ByteBuffer(capacity: count * MemoryLayout<T>.stride)
        out.resize(count * MemoryLayout<T>.stride)
        buffer.withUnsafeBufferPointer(as: S.self) { input in
            out.withUnsafeMutableBufferPointer(as: T.self) { output in
                for i in 0..<min(count, input.count) { output[i] = transform(input[i]) }
            }
        }
        return out
    }

    /// `count` null rows of `type`, with the layout the type needs.
    public static func nulls(_ type: DataType, count: Int) -> Vector {
        var vector = Vector.empty(type)
        vector.count = count
        if case .null = type { return vector }
        vector.validity = Validity(allNull: count)
        switch type {
        case .string, .binary, .list, .map:
            vector.offsets = ContiguousArray(repeating: 0, count: count + 1)
        case .structure(let fields):
            vector.children = fields.map { nulls($0.type, count: count) }
        default:
            let width = type.fixedWidth ?? 0
            vector.buffer = ByteBuffer(capacity: count * width)
            vector.buffer.resize(count * width)
        }
        return vector
    }
}
