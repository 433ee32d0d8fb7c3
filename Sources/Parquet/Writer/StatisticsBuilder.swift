import Columnar

/// Min/max/null count of a page or a column chunk, kept as PLAIN-encoded bounds (no length prefix), compared
/// in the leaf's TYPE_ORDER: unsigned for unsigned ints, byte-wise for binary, NaN ignored, zeros widened to
/// -0.0 ... +0.0 (parquet-notes §7).
struct StatisticsBuilder: Sendable {
    let order: StatisticsOrder
    let physicalType: PhysicalType
    var nullCount: Int64 = 0
    private(set) var min: [UInt8]?
    private(set) var max: [UInt8]?

    init(order: StatisticsOrder, physicalType: PhysicalType) {
        self.order = order
        self.physicalType = physicalType
    }

    var hasBounds: Bool { min != nil }

    /// Folds the values at `range` (positions, in any order) of `values` in: a run of a page's values, or the
    /// distinct dictionary entries a page refers to.
    mutating func update<Rows: Collection<Int>>(_ values: LeafValues, _ range: Rows) {
        guard !range.isEmpty, order != .none else { return }
        switch (physicalType, order) {
        case (.boolean, _): fold(typedBounds(values, range, as: UInt8.self, <))
        case (.int32, .unsigned): fold(typedBounds(values, range, as: UInt32.self, <))
        case (.int32, _): fold(typedBounds(values, range, as: Int32.self, <))
        case (.int64, .unsigned): fold(typedBounds(values, range, as: UInt64.self, <))
        case (.int64, _): fold(typedBounds(values, range, as: Int64.self, <))
        case (.float, _): fold(floatBounds(values, range, as: Float.self))
        case (.double, _): fold(floatBounds(values, range, as: Double.self))
        case (.fixedLenByteArray, .float16): fold(float16Bounds(values, range))
        default: fold(byteBounds(values, range))
        }
    }

    /// Folds another builder's bounds and nulls in (a page into its chunk).
    mutating func merge(_ other: StatisticsBuilder) {
        nullCount &+= other.nullCount
        if let lo = other.min, let hi = other.max { fold((lo, hi)) }
    }

    private mutating func fold(_ bounds: ([UInt8], [UInt8])?) {
        guard let (lo, hi) = bounds else { return }
        if let current = min { if less(lo, current) { min = lo } } else { min = lo }
        if let current = max { if less(current, hi) { max = hi } } else { max = hi }
    }

    /// `a < b` on encoded bounds, in this column's order.
    func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        switch (physicalType, order) {
        case (.boolean, _): return a[0] < b[0]
        case (.int32, .unsigned): return load(a, UInt32.self) < load(b, UInt32.self)
        case (.int32, _): return load(a, Int32.self) < load(b, Int32.self)
        case (.int64, .unsigned): return load(a, UInt64.self) < load(b, UInt64.self)
        case (.int64, _): return load(a, Int64.self) < load(b, Int64.self)
        case (.float, _): return Self.floatLess(load(a, Float.self), load(b, Float.self))
        case (.double, _): return Self.floatLess(load(a, Double.self), load(b, Double.self))
        case (_, .float16): return Self.floatLess(Float16Bits.toFloat(load(a, UInt16.self)), Float16Bits.toFloat(load(b, UInt16.self)))
        case (_, .signedBytes):
            if a.isEmpty || b.isEmpty { return a.count < b.count }
            if a[0] != b[0] { return Int8(bitPattern: a[0]) < Int8(bitPattern: b[0]) }
            return a.lexicographicallyPrecedes(b)
        default: return a.lexicographicallyPrecedes(b)
        }
    }

    /// -0.0 sorts before +0.0 so merged bounds keep the widened zeros.
    private static func floatLess<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> Bool {
        a == b ? (a.sign == .minus && b.sign == .plus) : a < b
    }

    private func load<T: BitwiseCopyable>(_ bytes: [UInt8], _: T.Type) -> T {
        bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    private func encode<T: BitwiseCopyable>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { [UInt8]($0) }
    }

    private func typedBounds<T: BitwiseCopyable, Rows: Collection<Int>>(
        _ values: LeafValues, _ range: Rows, as: T.Type, _ lt: (T, T) -> Bool
    ) -> ([UInt8], [UInt8])? {
        values.buffer.withUnsafeBufferPointer(as: T.self) { p in
            guard let first = range.first else { return nil }
            var lo = p[first], hi = lo
            for i in range.dropFirst() {
                let x = p[i]
                if lt(x, lo) { lo = x }
                if lt(hi, x) { hi = x }
            }
            return (encode(lo), encode(hi))
        }
    }

    private func floatBounds<F: BinaryFloatingPoint & BitwiseCopyable, Rows: Collection<Int>>(
        _ values: LeafValues, _ range: Rows, as: F.Type
    ) -> ([UInt8], [UInt8])? {
        values.buffer.withUnsafeBufferPointer(as: F.self) { p in
            var lo = F.infinity, hi = -F.infinity, seen = false
            for i in range {
                let x = p[i]
                if x.isNaN { continue }
                seen = true
                if x < lo { lo = x }
                if x > hi { hi = x }
            }
            guard seen else { return nil }
            if lo == 0 { lo = -F.zero }
            if hi == 0 { hi = F.zero }
            return (encode(lo), encode(hi))
        }
    }

    private func float16Bounds<Rows: Collection<Int>>(_ values: LeafValues, _ range: Rows) -> ([UInt8], [UInt8])? {
        values.buffer.withUnsafeBufferPointer(as: UInt16.self) { p in
            var lo = Float.infinity, hi = -Float.infinity
            var loBits: UInt16 = 0, hiBits: UInt16 = 0, seen = false
            for i in range {
                let x = Float16Bits.toFloat(p[i])
                if x.isNaN { continue }
                if !seen || x < lo { lo = x; loBits = p[i] }
                if !seen || x > hi { hi = x; hiBits = p[i] }
                seen = true
            }
            guard seen else { return nil }
            if lo == 0 { loBits = 0x8000 }
            if hi == 0 { hiBits = 0x0000 }
            return (encode(loBits), encode(hiBits))
        }
    }

    private func byteBounds<Rows: Collection<Int>>(_ values: LeafValues, _ range: Rows) -> ([UInt8], [UInt8])? {
        let signed = order == .signedBytes
        return values.buffer.withUnsafeBytes { raw -> ([UInt8], [UInt8])? in
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            if values.physicalType == .byteArray {
                return values.offsets.withUnsafeBufferPointer { offsets in
                    let o = offsets.baseAddress!
                    func span(_ i: Int) -> UnsafeRawBufferPointer {
                        let start = Int(o[i])
                        return UnsafeRawBufferPointer(start: base + start, count: Int(o[i &+ 1]) &- start)
                    }
                    return signed ? Self.bounds(range, signed: true, span) : Self.unsignedBounds(range, span)
                }
            }
            let width = values.width
            return Self.bounds(range, signed: signed) { UnsafeRawBufferPointer(start: base + $0 &* width, count: width) }
        }
    }

    @inline(__always)
    private static func bounds<Rows: Collection<Int>>(
        _ range: Rows, signed: Bool, _ span: (Int) -> UnsafeRawBufferPointer
    ) -> ([UInt8], [UInt8])? {
        guard let first = range.first else { return nil }
        var lo = span(first), hi = lo
        for i in range.dropFirst() {
            let x = span(i)
            if bytesLess(x, lo, signed: signed) { lo = x }
            if bytesLess(hi, x, signed: signed) { hi = x }
        }
        return ([UInt8](lo), [UInt8](hi))
    }

    /// Unsigned byte order with each value's first 8 bytes as a big-endian key: most comparisons end there.
    @inline(__always)
    private static func unsignedBounds<Rows: Collection<Int>>(
        _ range: Rows, _ span: (Int) -> UnsafeRawBufferPointer
    ) -> ([UInt8], [UInt8])? {
        guard let first = range.first else { return nil }
        var lo = span(first), hi = lo
        var loKey = prefixKey(lo), hiKey = loKey
        for i in range.dropFirst() {
            let x = span(i)
            let k = prefixKey(x)
            // Equal keys of two values of 8 or more bytes: their first 8 bytes are equal, compare the rest.
            if k < loKey || (k == loKey && tailLess(x, lo)) { lo = x; loKey = k }
            if k > hiKey || (k == hiKey && tailLess(hi, x)) { hi = x; hiKey = k }
        }
        return ([UInt8](lo), [UInt8](hi))
    }

    /// `a < b` in unsigned byte order for two values whose prefix keys are equal.
    @inline(__always)
    private static func tailLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count > 8, b.count > 8 else { return bytesLess(a, b, signed: false) }
        return bytesLess(UnsafeRawBufferPointer(rebasing: a[8...]), UnsafeRawBufferPointer(rebasing: b[8...]), signed: false)
    }

    /// The first 8 bytes, zero-padded, as a big-endian integer (orders like the bytes; ties need a full compare).
    @inline(__always)
    private static func prefixKey(_ x: UnsafeRawBufferPointer) -> UInt64 {
        if x.count >= 8 { return x.loadUnaligned(as: UInt64.self).bigEndian }
        var k: UInt64 = 0
        for i in 0..<x.count { k |= UInt64(x[i]) << UInt64(56 &- 8 &* i) }
        return k
    }

    @inline(__always)
    static func bytesLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, signed: Bool) -> Bool {
        if signed, let x = a.first, let y = b.first, x != y { return Int8(bitPattern: x) < Int8(bitPattern: y) }
        let n = Swift.min(a.count, b.count)
        if n > 0 {
            let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 }
        }
        return a.count < b.count
    }

    @inline(__always)
    private static func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int {
        // Eight bytes at a time: big-endian words compare in byte order.
        var i = 0
        while i &+ 8 <= n {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self), y = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != y { return x.bigEndian < y.bigEndian ? -1 : 1 }
            i &+= 8
        }
        for i in i..<n {
            let x = a.load(fromByteOffset: i, as: UInt8.self), y = b.load(fromByteOffset: i, as: UInt8.self)
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}

extension StatisticsBuilder {
    /// The Thrift `Statistics`: min_value/max_value always, the deprecated min/max only where the order is
    /// signed; BYTE_ARRAY bounds longer than `truncateLength` are shortened (min down, max up) and marked inexact.
    func statistics(truncateLength: Int?) -> Statistics {
        var s = Statistics()
        s.nullCount = nullCount
        guard var lo = min, var hi = max else { return s }
        var exactLo = true, exactHi = true
        if physicalType == .byteArray, let limit = truncateLength, limit > 0 {
            if lo.count > limit {
                lo = Array(lo[0..<limit])
                exactLo = false
            }
            if hi.count > limit, let up = Self.truncatedUp(hi, limit) {
                hi = up
                exactHi = false
            }
        }
        s.minValue = lo
        s.maxValue = hi
        s.isMinValueExact = exactLo
        s.isMaxValueExact = exactHi
        if order == .signed {
            s.min = lo
            s.max = hi
        }
        return s
    }

    /// The shortest prefix of at most `limit` bytes, incremented, that sorts above `value`; nil if every byte
    /// of the prefix is 0xFF (then the value is kept whole).
    static func truncatedUp(_ value: [UInt8], _ limit: Int) -> [UInt8]? {
        var prefix = Array(value[0..<Swift.min(limit, value.count)])
        while let last = prefix.last {
            if last < 0xFF {
                prefix[prefix.count - 1] = last + 1
                return prefix
            }
            prefix.removeLast()
        }
        return nil
    }
}
