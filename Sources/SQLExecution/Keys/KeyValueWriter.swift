import Columnar

/// Writes single values in the key encoding (see `KeyEncoder`).
enum KeyValueWriter {
    @inline(__always)
    static func bigEndian<T: FixedWidthInteger>(_ value: T, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int, _ flip: UInt8) -> Int {
        let be = value.bigEndian
        withUnsafeBytes(of: be) { raw in
            for k in 0..<raw.count { out[at + k] = raw[k] ^ flip }
        }
        return at + MemoryLayout<T>.size
    }

    @inline(__always)
    static func signed<T: FixedWidthInteger>(_ v: T, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int, _ flip: UInt8) -> Int {
        bigEndian(v ^ (T(1) << (T.bitWidth - 1)), out, at, flip)
    }

    static func float64Bits(_ d: Double) -> UInt64 {
        let canonical = d.isNaN ? Double.nan : (d == 0 ? 0 : d)
        let bits = canonical.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    static func float32Bits(_ f: Float) -> UInt32 {
        let canonical = f.isNaN ? Float.nan : (f == 0 ? 0 : f)
        let bits = canonical.bitPattern
        return bits & (1 << 31) != 0 ? ~bits : bits | (1 << 31)
    }

    /// Writes row `r` of `v` (not null) at `at`; returns the next position.
    static func write(_ v: Vector, _ r: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int, _ flip: UInt8) -> Int {
        switch v.type {
        case .null: return at
        case .boolean, .uint8: return bigEndian(v.buffer.load(r, as: UInt8.self), out, at, flip)
        case .uint16: return bigEndian(v.buffer.load(r, as: UInt16.self), out, at, flip)
        case .uint32: return bigEndian(v.buffer.load(r, as: UInt32.self), out, at, flip)
        case .uint64: return bigEndian(v.buffer.load(r, as: UInt64.self), out, at, flip)
        case .int8: return signed(v.buffer.load(r, as: Int8.self), out, at, flip)
        case .int16: return signed(v.buffer.load(r, as: Int16.self), out, at, flip)
        case .int32, .date: return signed(v.buffer.load(r, as: Int32.self), out, at, flip)
        case .int64, .time, .timestamp: return signed(v.buffer.load(r, as: Int64.self), out, at, flip)
        case .decimal(let p, _):
            return p <= 18
                ? signed(v.buffer.load(r, as: Int64.self), out, at, flip)
                : signed(v.buffer.load(r, as: Int128.self), out, at, flip)
        case .float16: return bigEndian(float32Bits(Float16Bits.toFloat(v.buffer.load(r, as: UInt16.self))), out, at, flip)
        case .float32: return bigEndian(float32Bits(v.buffer.load(r, as: Float.self)), out, at, flip)
        case .float64: return bigEndian(float64Bits(v.buffer.load(r, as: Double.self)), out, at, flip)
        case .fixedBinary(let n):
            v.buffer.withUnsafeBytes { raw in for k in 0..<n { out[at + k] = raw[r * n + k] ^ flip } }
            return at + n
        case .string, .binary:
            var at = at
            v.withRow(r) { raw in
                for b in raw {
                    out[at] = b ^ flip
                    at += 1
                    if b == 0 { out[at] = 0xFF ^ flip; at += 1 }
                }
            }
            out[at] = flip
            out[at + 1] = flip
            return at + 2
        default:
            let bytes = KeyEncoder.nested(v, r)
            for (k, b) in bytes.enumerated() { out[at + k] = b ^ flip }
            return at + bytes.count
        }
    }

    /// Nested values: each element or field with its own marker; lists end with 0x00.
    static func appendNested(_ v: Vector, _ r: Int, _ out: inout [UInt8]) {
        func element(_ child: Vector, _ row: Int) {
            if child.isNull(row) { out.append(2); return }
            out.append(1)
            if let width = KeyEncoder.valueWidth(child.type) {
                var scratch = [UInt8](repeating: 0, count: width)
                _ = scratch.withUnsafeMutableBufferPointer { write(child, row, $0, 0, 0) }
                out += scratch
            } else if child.type.isVariableWidth {
                let n = child.withRow(row) { raw in raw.count + raw.filter { $0 == 0 }.count + 2 }
                var scratch = [UInt8](repeating: 0, count: n)
                _ = scratch.withUnsafeMutableBufferPointer { write(child, row, $0, 0, 0) }
                out += scratch
            } else {
                appendNested(child, row, &out)
            }
        }
        switch v.type {
        case .structure:
            for child in v.children { element(child, r) }
        case .list:
            for c in v.childRange(at: r) { out.append(1); element(v.children[0], c) }
            out.append(0)
        case .map:
            for c in v.childRange(at: r) {
                out.append(1)
                element(v.children[0], c)
                element(v.children[1], c)
            }
            out.append(0)
        default:
            element(v, r)
        }
    }
}
