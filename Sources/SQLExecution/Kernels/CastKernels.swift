import Columnar

/// CAST and TRY_CAST. A value that does not convert throws a Conversion Error (from text) or an Out of Range
/// Error (from a number) under CAST, and becomes NULL under TRY_CAST. Numeric casts are generic over source and
/// destination types; text casts parse or print one live row at a time.
struct CastKernel {
    let from: DataType
    let to: DataType
    let isTry: Bool

    func cast(_ v: Vector, in batch: Batch) throws -> Vector {
        if from == to { return v }
        if case .null = from { return Vector.nulls(to, count: batch.count) }
        if to == .string { return try toText(v, in: batch) }
        if from == .string || from == .binary {
            if to == .binary { var out = v; out.type = .binary; return out }
            return try fromText(v, in: batch)
        }
        if from == .float16 {
            let widened = try Self.widenHalf(v, in: batch)
            return try CastKernel(from: .float32, to: to, isTry: isTry).cast(widened, in: batch)
        }
        if isNumericLike(from) && isNumericLike(to) {
            return try visitFixed(from, SourceVisitor(kernel: self, v: v, batch: batch))
        }
        if from.isTemporal && to.isTemporal { return try temporal(v, in: batch) }
        throw ExecutionError(.conversion, "Unimplemented type for cast (\(from.sqlName) -> \(to.sqlName))")
    }

    private func isNumericLike(_ t: DataType) -> Bool { t.isNumeric || t == .boolean }

    /// Raises or records a failed row: TRY_CAST marks it NULL.
    func fail(_ row: Int, _ validity: inout Validity, _ error: @autoclosure () -> ExecutionError) throws {
        if !isTry { throw error() }
        validity.set(row, valid: false)
    }

    func outOfRange(_ text: String) -> ExecutionError {
        ExecutionError(
            .outOfRange,
            "Type \(from.sqlName) with value \(text) can't be cast because the value is out of range for the destination type \(to.sqlName)"
        )
    }

    static func widenHalf(_ v: Vector, in batch: Batch) throws -> Vector {
        v.withValues(as: UInt16.self) { bits in
            Vector.makeFixed(.float32, count: batch.count, validity: v.validity, as: Float.self) { out in
                batch.forEachRow { i in out[i] = Float16Bits.toFloat(bits[i]) }
            }
        }
    }

    private struct SourceVisitor: FixedWidthVisitor {
        let kernel: CastKernel, v: Vector, batch: Batch
        func visitInteger<S: FixedWidthInteger & SQLOrdered>(_: S.Type) throws -> Vector {
            try visitFixed(kernel.to, IntegerSource<S>(kernel: kernel, v: v, batch: batch))
        }
        func visitFloat<S: BinaryFloatingPoint & SQLOrdered>(_: S.Type) throws -> Vector {
            try visitFixed(kernel.to, FloatSource<S>(kernel: kernel, v: v, batch: batch))
        }
    }

    /// From an integer, boolean or decimal (raw unscaled) source.
    private struct IntegerSource<S: FixedWidthInteger & SQLOrdered>: FixedWidthVisitor {
        let kernel: CastKernel, v: Vector, batch: Batch

        func visitInteger<D: FixedWidthInteger & SQLOrdered>(_: D.Type) throws -> Vector {
            let (from, to) = (kernel.from, kernel.to)
            var validity = Validity.ensure(v.validity, count: batch.count)
            if to == .boolean {
                return finish(try map(D.self) { s, _ in D(s != 0 ? 1 : 0) }, validity)
            }
            if from.isDecimal && to.isDecimal && from.decimalScale == to.decimalScale
                && from.decimalPrecision <= to.decimalPrecision
            {
                // Widening a decimal's precision keeps every value in range: only the storage changes, and
                // within one storage width not even that.
                if S.bitWidth == D.bitWidth && v.count == batch.count {
                    var out = v
                    out.type = to
                    return out
                }
                return try map(D.self) { s, _ in D(truncatingIfNeeded: s) }
            }
            var rescale = DecimalRescale(from: from.decimalScale, to: to.decimalScale, precision: to.decimalPrecision,
                                         bounded: to.isDecimal)
            rescale.truncates = !to.isDecimal  // DECIMAL -> integer truncates toward zero, as FLOAT -> integer

            let out = try map(D.self) { s, i in
                if !from.isDecimal && !to.isDecimal, let d = D(exactly: s) { return d }
                if let scaled = rescale.apply(Int128(s)), let d = D(exactly: scaled) { return d }
                try kernel.fail(i, &validity, kernel.outOfRange(ValueFormatter.format(s, from)))
                return 0
            }
            return finish(out, validity)
        }

        func visitFloat<D: BinaryFloatingPoint & SQLOrdered>(_: D.Type) throws -> Vector {
            let divisor = Double(DecimalRescale.power(kernel.from.decimalScale))
            let out = try map(D.self) { s, _ in kernel.from.isDecimal ? D(Double(s) / divisor) : D(s) }
            return out
        }

        func map<D: BitwiseCopyable>(_: D.Type, _ body: (S, Int) throws -> D) throws -> Vector {
            try v.withValues(as: S.self) { src in
                try Vector.makeFixed(kernel.to, count: batch.count, validity: v.validity, as: D.self) { out in
                    try batch.forEachRow { i in
                        if v.isNull(i) { return }
                        out[i] = try body(src[i], i)
                    }
                }
            }
        }
    }

    /// From FLOAT or DOUBLE.
    private struct FloatSource<S: BinaryFloatingPoint & SQLOrdered>: FixedWidthVisitor {
        let kernel: CastKernel, v: Vector, batch: Batch

        func visitInteger<D: FixedWidthInteger & SQLOrdered>(_: D.Type) throws -> Vector {
            var validity = Validity.ensure(v.validity, count: batch.count)
            let to = kernel.to
            let scale = Double(DecimalRescale.power(to.decimalScale))
            let bound = to.isDecimal ? Double(DecimalRescale.power(to.decimalPrecision)) : Double.infinity
            let out = try v.withValues(as: S.self) { src in
                try Vector.makeFixed(to, count: batch.count, validity: nil, as: D.self) { out in
                    try batch.forEachRow { i in
                        if v.isNull(i) { return }
                        let s = Double(src[i])
                        if to == .boolean { out[i] = s != 0 ? 1 : 0; return }
                        let scaled = to.isDecimal ? (s * scale).rounded(.toNearestOrAwayFromZero) : s.rounded(.towardZero)
                        if scaled.isFinite, abs(scaled) < bound, let d = D(exactly: scaled) {
                            out[i] = d
                        } else {
                            try kernel.fail(i, &validity, kernel.outOfRange("\(src[i])"))
                        }
                    }
                }
            }
            return finish(out, validity)
        }

        func visitFloat<D: BinaryFloatingPoint & SQLOrdered>(_: D.Type) throws -> Vector {
            v.withValues(as: S.self) { src in
                Vector.makeFixed(kernel.to, count: batch.count, validity: v.validity, as: D.self) { out in
                    batch.forEachRow { i in out[i] = D(src[i]) }
                }
            }
        }
    }

    /// DATE <-> TIMESTAMP, TIMESTAMP unit changes, TIMESTAMP -> TIME.
    private func temporal(_ v: Vector, in batch: Batch) throws -> Vector {
        let toMicros = try TemporalScale.microsReader(from, v)
        var validity = Validity.ensure(v.validity, count: batch.count)
        switch to {
        case .date:
            return finish(try Vector.makeFixed(.date, count: batch.count, validity: nil, as: Int32.self) { out in
                try batch.forEachRow { i in
                    if v.isNull(i) { return }
                    let days = CivilCalendar.split(micros: toMicros(i)).days
                    if let d = Int32(exactly: days) { out[i] = d } else {
                        try fail(i, &validity, outOfRange("\(toMicros(i))"))
                    }
                }
            }, validity)
        case .timestamp(let unit, _), .time(let unit):
            let isTime = if case .time = to { true } else { false }
            return finish(try Vector.makeFixed(to, count: batch.count, validity: nil, as: Int64.self) { out in
                try batch.forEachRow { i in
                    if v.isNull(i) { return }
                    var micros = toMicros(i)
                    if isTime { micros = CivilCalendar.split(micros: micros).micros }
                    if let value = TemporalScale.fromMicros(micros, unit) { out[i] = value } else {
                        try fail(i, &validity, outOfRange("\(micros)"))
                    }
                }
            }, validity)
        default:
            throw ExecutionError(.conversion, "Unimplemented type for cast (\(from.sqlName) -> \(to.sqlName))")
        }
    }
}

/// Sets the validity a cast computed, dropping the bitmap when nothing is null.
func finish(_ vector: Vector, _ validity: Validity) -> Vector {
    var out = vector
    out.validity = validity.nullCount(vector.count) == 0 ? nil : validity
    return out
}
