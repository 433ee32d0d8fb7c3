import Columnar

/// Record keys written straight into a string vector, a key column at a time: `recordKeys` makes one String per
/// row (formatting, joining, then copying it again into the vector), which was a bulk insert's largest own cost.
/// The bytes are the same: string parts as they are, integer parts as Java prints them, any other type through
/// `KeyValueFormatter`, so the two paths cannot disagree.
extension HoodieKeyGenerator {
    /// The record key of every physical row of `batch` as a non-null string vector; rows outside the selection
    /// are empty. Throws where `recordKeys` does (a null or empty simple key, an all-missing complex key).
    func recordKeyVector(_ batch: Batch) throws -> Vector {
        let columns = try recordKeyFields.map { field in
            guard let index = batch.schema.index(of: field) else {
                throw TableFormatError(.invalidArgument, "incoming batch has no column '\(field)' (a record key field)")
            }
            return batch.columns[index]
        }
        let complex = kind == .complex || columns.count > 1
        let live = ContiguousArray((0..<batch.rowCount).map { batch.physicalRow($0) })
        let parts = columns.map { KeyPart($0, rows: live) }
        var lengths = ContiguousArray<Int>(repeating: 0, count: batch.count)
        var present = ContiguousArray<Int32>(repeating: 0, count: batch.count)
        for (p, part) in parts.enumerated() {
            let prefix = complex ? recordKeyFields[p].utf8.count + (p > 0 ? 2 : 1) : 0
            part.addLengths(rows: live, prefix: prefix, complex: complex, into: &lengths, present: &present)
        }
        try checkPresent(present, rows: live, complex: complex)
        var offsets = ContiguousArray<Int32>(repeating: 0, count: batch.count + 1)
        var total = 0
        for row in 0..<batch.count {
            total += lengths[row]
            guard total <= Int(Int32.max) else {
                throw TableFormatError(.invalidArgument, "the record keys of one batch exceed \(Int32.max) bytes")
            }
            offsets[row + 1] = Int32(truncatingIfNeeded: total)
        }
        var buffer = ByteBuffer(capacity: total)
        buffer.appendUninitialized(capacity: total) { raw in
            guard let out = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            var cursor = ContiguousArray(offsets.dropLast().lazy.map { Int($0) })
            for (p, part) in parts.enumerated() {
                let prefix = complex ? Array(((p > 0 ? "," : "") + recordKeyFields[p] + ":").utf8) : []
                part.write(rows: live, prefix: prefix, complex: complex, to: out, cursor: &cursor)
            }
            return total
        }
        return Vector(type: .string, count: batch.count, buffer: buffer, offsets: offsets)
    }

    /// The errors `recordKeys` raises, for the first row that has them.
    private func checkPresent(_ present: ContiguousArray<Int32>, rows: ContiguousArray<Int>, complex: Bool) throws {
        for row in rows where present[row] == 0 {
            if complex {
                throw TableFormatError(.invalidArgument, "record key fields \(recordKeyFields.joined(separator: ",")) are all null or empty in row \(row)")
            }
            throw TableFormatError(.invalidArgument, "record key field '\(recordKeyFields[0])' is null or empty in row \(row)")
        }
    }
}

/// One record key field's values as key text: measured in one pass, written in a second.
private enum KeyPart {
    case string(Vector)
    case int32(Vector)
    case int64(Vector)
    /// Any other type, formatted per row by `KeyValueFormatter` (nil for null).
    case formatted([String?])

    /// Reads the buffers directly only where their layout is whole (a vector a batch holds always is).
    init(_ vector: Vector, rows: ContiguousArray<Int>) {
        switch vector.type {
        case .string where KeyPart.wellFormed(vector): self = .string(vector)
        case .int32 where vector.buffer.count >= vector.count * 4: self = .int32(vector)
        case .int64 where vector.buffer.count >= vector.count * 8, .timestamp where vector.buffer.count >= vector.count * 8,
             .time where vector.buffer.count >= vector.count * 8:
            self = .int64(vector)
        default:
            var values = [String?](repeating: nil, count: vector.count)
            for row in rows { values[row] = KeyValueFormatter.string(vector, row) }
            self = .formatted(values)
        }
    }

    /// Offsets that start at 0 or more, never decrease, and end within the buffer.
    private static func wellFormed(_ v: Vector) -> Bool {
        guard v.offsets.count == v.count + 1, let first = v.offsets.first, first >= 0,
              let last = v.offsets.last, Int(last) <= v.buffer.count else { return false }
        return zip(v.offsets, v.offsets.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// Adds each row's part length (with its `field:` prefix) to `lengths`; counts the rows it is present in
    /// (neither null nor empty). A missing part of a complex key is written as `__null__` or `__empty__`.
    func addLengths(rows: ContiguousArray<Int>, prefix: Int, complex: Bool, into lengths: inout ContiguousArray<Int>,
                    present: inout ContiguousArray<Int32>) {
        let null = complex ? prefix &+ HoodieKeyGenerator.nullKeyPart.utf8.count : 0
        let empty = complex ? prefix &+ HoodieKeyGenerator.emptyKeyPart.utf8.count : 0
        @inline(__always) func add(_ row: Int, _ length: Int?) {
            guard let length else {
                lengths[row] &+= null
                return
            }
            if length > 0 { present[row] &+= 1 }
            lengths[row] &+= length > 0 ? (complex ? prefix &+ length : length) : empty
        }
        switch self {
        case .string(let v):
            for row in rows { add(row, v.isNull(row) ? nil : Int(v.offsets[row + 1] &- v.offsets[row])) }
        case .int32(let v):
            v.buffer.withUnsafeBufferPointer(as: Int32.self) { values in
                for row in rows { add(row, v.isNull(row) ? nil : KeyDigits.count(Int64(values[row]))) }
            }
        case .int64(let v):
            v.buffer.withUnsafeBufferPointer(as: Int64.self) { values in
                for row in rows { add(row, v.isNull(row) ? nil : KeyDigits.count(values[row])) }
            }
        case .formatted(let values):
            for row in rows { add(row, values[row]?.utf8.count) }
        }
    }

    /// Writes each row's part at `out + cursor[row]` and moves the cursor past it.
    func write(rows: ContiguousArray<Int>, prefix: [UInt8], complex: Bool, to out: UnsafeMutablePointer<UInt8>,
               cursor: inout ContiguousArray<Int>) {
        @inline(__always) func start(_ row: Int) -> UnsafeMutablePointer<UInt8> {
            let at = out + cursor[row]
            at.update(from: prefix, count: prefix.count)
            return at + prefix.count
        }
        @inline(__always) func missing(_ row: Int, _ text: String) {
            guard complex else { return }
            let at = start(row)
            cursor[row] = at + KeyDigits.copy(text, to: at) - out
        }
        switch self {
        case .string(let v):
            v.buffer.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                    for row in rows { missing(row, v.isNull(row) ? HoodieKeyGenerator.nullKeyPart : HoodieKeyGenerator.emptyKeyPart) }
                    return
                }
                for row in rows {
                    let from = Int(v.offsets[row]), count = Int(v.offsets[row + 1]) &- from
                    if v.isNull(row) || count == 0 {
                        missing(row, v.isNull(row) ? HoodieKeyGenerator.nullKeyPart : HoodieKeyGenerator.emptyKeyPart)
                        continue
                    }
                    let at = start(row)
                    at.update(from: base + from, count: count)
                    cursor[row] = at + count - out
                }
            }
        case .int32(let v):
            v.buffer.withUnsafeBufferPointer(as: Int32.self) { values in
                for row in rows {
                    if v.isNull(row) { missing(row, HoodieKeyGenerator.nullKeyPart); continue }
                    let at = start(row)
                    cursor[row] = at + KeyDigits.write(Int64(values[row]), to: at) - out
                }
            }
        case .int64(let v):
            v.buffer.withUnsafeBufferPointer(as: Int64.self) { values in
                for row in rows {
                    if v.isNull(row) { missing(row, HoodieKeyGenerator.nullKeyPart); continue }
                    let at = start(row)
                    cursor[row] = at + KeyDigits.write(values[row], to: at) - out
                }
            }
        case .formatted(let values):
            for row in rows {
                guard let text = values[row], !text.isEmpty else {
                    missing(row, values[row] == nil ? HoodieKeyGenerator.nullKeyPart : HoodieKeyGenerator.emptyKeyPart)
                    continue
                }
                let at = start(row)
                cursor[row] = at + KeyDigits.copy(text, to: at) - out
            }
        }
    }
}

/// Java's decimal `long` text, written without a String.
private enum KeyDigits {
    @inline(__always)
    static func count(_ value: Int64) -> Int {
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        return value < 0 ? digits &+ 1 : digits
    }

    /// Writes `value` at `out`; returns the bytes written (`count(value)`).
    @inline(__always)
    static func write(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = count(value)
        var rest = value.magnitude
        var i = n
        repeat {
            i &-= 1
            out[i] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 { out[0] = 0x2D }
        return n
    }

    static func copy(_ text: String, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        for byte in text.utf8 {
            out[count] = byte
            count &+= 1
        }
        return count
    }
}
