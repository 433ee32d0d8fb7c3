import Columnar
import Foundation

/// A vector the reader returned whose layout contradicts its type (short buffers, bad offsets).
struct MalformedVector: Error, CustomStringConvertible {
    var description: String
}

/// Folds the slots of one leaf, batch after batch, into a `LeafSummary`: counts, min/max, exact sums and
/// the SHA-256 digest over the slot sequence (expected.py `leaf_summary`).
final class LeafAccumulator {
    let name: String
    let type: DataType
    /// Summarize as raw INT96 (the expected summary says so); the vector is fixedBinary(12) or timestamp(ns).
    let asInt96: Bool
    private var summary: LeafSummary
    private var hasher = SHA256()
    private var intMin: Int128?, intMax: Int128?, intSum: Int128 = 0, sumOverflow = false
    private var floatMin: Double?, floatMax: Double?, floatSum = ExactSum(), nans = 0
    /// The bounds as slices of the batch buffers they came from (shared, not copied).
    private var bytesMin: BytesSlice?, bytesMax: BytesSlice?, totalBytes = 0
    private var trues = 0
    private var int96Values: [Int128?] = []

    init(name: String, type: DataType, asInt96: Bool) {
        self.name = name
        self.type = type
        self.asInt96 = asInt96
        summary = LeafSummary(kind: asInt96 ? .int96 : LeafKind(type), type: type)
    }

    /// Adds `vector[row]` for each of `rows`, in order.
    func append(_ vector: Vector, rows: [Int]) throws {
        guard vector.type == type else {
            throw MalformedVector(description: "leaf \(name) changed type from \(type) to \(vector.type) between batches")
        }
        try checkLayout(vector, rows: rows)
        for row in rows {
            summary.slots += 1
            if vector.isNull(row) {
                summary.nulls += 1
                hasher.update(byte: 0)
                if asInt96 { int96Values.append(nil) }
                continue
            }
            hasher.update(byte: 1)
            appendValue(vector, row)
        }
    }

    private func checkLayout(_ vector: Vector, rows: [Int]) throws {
        guard let last = rows.max() else { return }
        let needed = last + 1
        if let validity = vector.validity, validity.words.count < Validity.wordCount(needed) {
            throw MalformedVector(description: "leaf \(name): validity has \(validity.words.count) words for \(needed) rows")
        }
        if vector.type.isVariableWidth {
            guard vector.offsets.count >= needed + 1 else {
                throw MalformedVector(description: "leaf \(name): \(vector.offsets.count) offsets for \(needed) rows")
            }
            for row in rows where !vector.isNull(row) {
                let start = Int(vector.offsets[row]), end = Int(vector.offsets[row + 1])
                guard start >= 0, start <= end, end <= vector.buffer.count else {
                    throw MalformedVector(description: "leaf \(name): row \(row) has offsets \(start)..<\(end) in a \(vector.buffer.count)-byte buffer")
                }
            }
        } else if let width = vector.type.fixedWidth, vector.buffer.count < needed * width {
            throw MalformedVector(description: "leaf \(name): \(vector.buffer.count) bytes for \(needed) values of \(width) bytes")
        }
    }

    private func appendValue(_ vector: Vector, _ row: Int) {
        let buffer = vector.buffer
        switch type {
        case .null: break
        case .boolean:
            let value = buffer.load(row, as: UInt8.self) != 0
            hasher.update(byte: value ? 1 : 0)
            trues += value ? 1 : 0
        case .int8: appendInteger(Int128(buffer.load(row, as: Int8.self)))
        case .int16: appendInteger(Int128(buffer.load(row, as: Int16.self)))
        case .int32, .date: appendInteger(Int128(buffer.load(row, as: Int32.self)))
        case .int64, .time: appendInteger(Int128(buffer.load(row, as: Int64.self)))
        case .uint8: appendInteger(Int128(buffer.load(row, as: UInt8.self)))
        case .uint16: appendInteger(Int128(buffer.load(row, as: UInt16.self)))
        case .uint32: appendInteger(Int128(buffer.load(row, as: UInt32.self)))
        case .uint64: appendInteger(Int128(buffer.load(row, as: UInt64.self)))
        case .timestamp:
            let value = buffer.load(row, as: Int64.self)
            if asInt96 { appendInt96(nanoseconds: value) } else { appendInteger(Int128(value)) }
        case .float16:
            let bits = buffer.load(row, as: UInt16.self)
            let isNaN = bits & 0x7c00 == 0x7c00 && bits & 0x03ff != 0
            hasher.update(littleEndian: isNaN ? UInt16(0x7e00) : bits)
            appendFloat(Double(Float16Bits.toFloat(bits)))
        case .float32:
            let value = buffer.load(row, as: Float.self)
            hasher.update(littleEndian: value.isNaN ? UInt32(0x7fc0_0000) : value.bitPattern)
            appendFloat(Double(value))
        case .float64:
            let value = buffer.load(row, as: Double.self)
            hasher.update(littleEndian: value.isNaN ? UInt64(0x7ff8_0000_0000_0000) : value.bitPattern)
            appendFloat(value)
        case .decimal(let precision, _):
            let unscaled = precision <= 18 ? Int128(buffer.load(row, as: Int64.self)) : buffer.load(row, as: Int128.self)
            let text = Array(LeafAccumulator.digestText(unscaled).utf8)
            hasher.update(littleEndian: UInt32(text.count))
            hasher.update(text)
            foldInteger(unscaled)
        case .string, .binary:
            appendBytes(BytesSlice(buffer: buffer, range: Int(vector.offsets[row])..<Int(vector.offsets[row + 1])),
                        lengthPrefixed: true)
        case .fixedBinary(let width):
            let range = row * width..<(row + 1) * width
            if asInt96 && width == 12 {
                appendInt96(raw: buffer.bytes(range))
            } else {
                appendBytes(BytesSlice(buffer: buffer, range: range), lengthPrefixed: false)
            }
        case .list, .structure, .map: break
        }
    }

    /// The unscaled decimal as expected.py hashes it: `int(v.scaleb(scale).to_integral_exact())` runs in
    /// Python's default decimal context, which rounds to 28 significant digits (half-even). So values of 29
    /// or more digits are hashed rounded; min, max and sum are computed exactly and compared exactly.
    static func digestText(_ unscaled: Int128) -> String {
        let digits = String(unscaled.magnitude).count
        guard digits > 28 else { return String(unscaled) }
        var scale: UInt128 = 1
        for _ in 0..<(digits - 28) { scale *= 10 }
        var kept = unscaled.magnitude / scale
        let rest = unscaled.magnitude % scale
        if rest > scale / 2 || (rest == scale / 2 && kept % 2 == 1) { kept += 1 }
        return (unscaled < 0 ? "-" : "") + String(kept * scale)
    }

    private func appendInteger(_ value: Int128) {
        hasher.update(littleEndian: UInt64(truncatingIfNeeded: value))
        foldInteger(value)
    }

    private func foldInteger(_ value: Int128) {
        intMin = intMin.map { Swift.min($0, value) } ?? value
        intMax = intMax.map { Swift.max($0, value) } ?? value
        let (sum, overflow) = intSum.addingReportingOverflow(value)
        intSum = sum
        sumOverflow = sumOverflow || overflow
    }

    private func appendFloat(_ value: Double) {
        if value.isNaN {
            nans += 1
            return
        }
        floatSum.add(value)
        floatMin = floatMin.map { Swift.min($0, value) } ?? value
        floatMax = floatMax.map { Swift.max($0, value) } ?? value
    }

    /// Hashes and compares in place (memcmp), and keeps the bounds as shared slices of their batch buffers, so
    /// 1 GiB strings are never copied here.
    private func appendBytes(_ bytes: BytesSlice, lengthPrefixed: Bool) {
        if lengthPrefixed { hasher.update(littleEndian: UInt32(truncatingIfNeeded: bytes.count)) }
        bytes.withUnsafeBytes { hasher.update($0) }
        totalBytes += bytes.count
        if bytesMin.map({ bytes.compare($0) < 0 }) ?? true { bytesMin = bytes }
        if bytesMax.map({ bytes.compare($0) > 0 }) ?? true { bytesMax = bytes }
    }

    /// Raw INT96: 8-byte LE nanos of day, then 4-byte LE Julian day; digest payload is the 12 raw bytes.
    private func appendInt96(raw: [UInt8]) {
        hasher.update(raw)
        var nanos: Int64 = 0
        var day: Int32 = 0
        for i in 0..<8 { nanos |= Int64(raw[i]) << Int64(8 * i) }
        for i in 0..<4 { day |= Int32(raw[8 + i]) << Int32(8 * i) }
        foldInt96(Int128(Int64(day) - 2_440_588) * 86_400_000_000_000 + Int128(nanos))
    }

    /// INT96 decoded to Int64 ns: the raw pair is rebuilt in canonical form (0 <= nanos of day < one day).
    private func appendInt96(nanoseconds: Int64) {
        let perDay: Int64 = 86_400_000_000_000
        var days = nanoseconds / perDay
        var nanos = nanoseconds % perDay
        if nanos < 0 {
            nanos += perDay
            days -= 1
        }
        hasher.update(littleEndian: nanos)
        hasher.update(littleEndian: Int32(truncatingIfNeeded: days + 2_440_588))
        foldInt96(Int128(nanoseconds))
    }

    private func foldInt96(_ nanoseconds: Int128) {
        int96Values.append(nanoseconds)
        foldInteger(nanoseconds)
    }

    /// The summary of every slot appended so far. Call once.
    func finish() -> LeafSummary {
        var out = summary
        let hasValues = out.count > 0
        switch out.kind {
        case .null: break
        case .bool:
            out.sum = String(trues)
            if hasValues {
                out.min = trues < out.count ? "false" : "true"
                out.max = trues > 0 ? "true" : "false"
            }
        case .int, .date, .time, .timestamp, .int96, .decimal:
            let scale: Int
            if case .decimal(_, let s) = type { scale = s } else { scale = 0 }
            let text = { (v: Int128) in scale == 0 ? String(v) : LeafSummary.decimalText(v, scale: scale) }
            out.sum = sumOverflow ? "overflow" : text(intSum)
            if let intMin, let intMax {
                out.min = text(intMin)
                out.max = text(intMax)
            }
            if out.kind == .int96 && out.slots <= 16 { out.int96Nanoseconds = int96Values }
        case .float:
            out.nanCount = nans
            let sum = floatSum.value
            out.sum = sum.isNaN ? "nan" : sum == .infinity ? "inf" : sum == -.infinity ? "-inf" : "\(sum)"
            if let floatMin, let floatMax {
                out.min = "\(floatMin)"
                out.max = "\(floatMax)"
            }
        case .string, .binary, .fixedBinary:
            out.totalBytes = String(totalBytes)
            let text = out.kind == .string
            if let bytesMin { setBound(&out.min, &out.minSHA256, &out.minLength, bytesMin, text: text) }
            if let bytesMax { setBound(&out.max, &out.maxSHA256, &out.maxLength, bytesMax, text: text) }
        }
        out.digest = hasher.finalizeHex()
        return out
    }

    private func setBound(_ value: inout String?, _ sha: inout String?, _ length: inout Int?, _ bytes: BytesSlice, text: Bool) {
        bytes.withUnsafeBytes { bytes in
            if bytes.count > LeafSummary.longValueBytes {
                sha = SHA256.hex(bytes)
                length = bytes.count
            } else {
                value = text ? String(decoding: bytes, as: UTF8.self) : LeafSummary.hex(bytes)
            }
        }
    }
}

/// One value's bytes inside a vector buffer (the buffer is shared, copy-on-write, never copied).
struct BytesSlice {
    let buffer: ByteBuffer
    let range: Range<Int>

    var count: Int { range.count }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Lexicographic byte order: memcmp over the common prefix, then the shorter first.
    func compare(_ other: BytesSlice) -> Int {
        withUnsafeBytes { a in
            other.withUnsafeBytes { b in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                return order != 0 ? order : a.count - b.count
            }
        }
    }
}
