import Columnar

/// Row filtering: the rows of a batch whose column value satisfies the predicate, as a selection vector over
/// the batch's physical rows (respecting any selection it already has). One typed loop per physical type.
extension ScanPredicate {
    public func select(_ batch: Batch, column: Int) throws -> SelectionVector {
        let vector = batch.columns[column]
        switch (vector.type, literal) {
        case (.int8, .int(let v)): return scan(batch, vector, Int8.self) { Int64($0) < v ? -1 : (Int64($0) == v ? 0 : 1) }
        case (.int16, .int(let v)): return scan(batch, vector, Int16.self) { Int64($0) < v ? -1 : (Int64($0) == v ? 0 : 1) }
        case (.int32, .int(let v)), (.date, .int(let v)):
            return scan(batch, vector, Int32.self) { Int64($0) < v ? -1 : (Int64($0) == v ? 0 : 1) }
        case (.int64, .int(let v)), (.time, .int(let v)), (.timestamp, .int(let v)), (.decimal, .int(let v)):
            return scan(batch, vector, Int64.self) { $0 < v ? -1 : ($0 == v ? 0 : 1) }
        case (.decimal, .wideDecimal(let v)) where vector.type.fixedWidth == 16:
            return scan(batch, vector, Int128.self) { $0 < v ? -1 : ($0 == v ? 0 : 1) }
        case (.decimal, .wideDecimal(let v)):  // beyond an 18-digit column's range: every value is on one side
            return scan(batch, vector, Int64.self) { _ in v > 0 ? -1 : 1 }
        case (.uint8, .uint(let v)): return scan(batch, vector, UInt8.self) { UInt64($0) < v ? -1 : (UInt64($0) == v ? 0 : 1) }
        case (.uint16, .uint(let v)): return scan(batch, vector, UInt16.self) { UInt64($0) < v ? -1 : (UInt64($0) == v ? 0 : 1) }
        case (.uint32, .uint(let v)): return scan(batch, vector, UInt32.self) { UInt64($0) < v ? -1 : (UInt64($0) == v ? 0 : 1) }
        case (.uint64, .uint(let v)): return scan(batch, vector, UInt64.self) { $0 < v ? -1 : ($0 == v ? 0 : 1) }
        case (.float32, .double(let v)): return scan(batch, vector, Float.self) { Self.order(Double($0), v) }
        case (.float64, .double(let v)): return scan(batch, vector, Double.self) { Self.order($0, v) }
        case (.boolean, .bool(let v)): return scan(batch, vector, UInt8.self) { Int($0 != 0 ? 1 : 0) - (v ? 1 : 0) }
        case (.string, .bytes(let v)), (.binary, .bytes(let v)): return scanBytes(batch, vector, v)
        case (.fixedBinary(let width), .bytes(let v)): return scanFixed(batch, vector, width, v)
        default:
            throw TableFormatError(.invalidArgument, "cannot filter '\(description)': column '\(column)' is \(vector.type) in this file")
        }
    }

    /// NaN sorts above every number (as Spark and DuckDB order it), so `x != 1` keeps NaN and `x < 1` does not.
    @inline(__always)
    static func order(_ a: Double, _ b: Double) -> Int {
        if a.isNaN { return b.isNaN ? 0 : 1 }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    private func scan<T: BitwiseCopyable>(_ batch: Batch, _ vector: Vector, _: T.Type, _ order: (T) -> Int) -> SelectionVector {
        var kept = ContiguousArray<UInt32>()
        kept.reserveCapacity(batch.rowCount)
        vector.buffer.withUnsafeBufferPointer(as: T.self) { values in
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                guard row < values.count, !vector.isNull(row) else { continue }
                if op.holds(order(values[row])) { kept.append(UInt32(row)) }
            }
        }
        return SelectionVector(kept)
    }

    private func scanBytes(_ batch: Batch, _ vector: Vector, _ literal: [UInt8]) -> SelectionVector {
        var kept = ContiguousArray<UInt32>()
        vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                guard row + 1 < vector.offsets.count, !vector.isNull(row) else { continue }
                let range = Int(vector.offsets[row])..<Int(vector.offsets[row + 1])
                guard range.lowerBound >= 0, range.upperBound <= bytes.count else { continue }
                if op.holds(Self.order(bytes[range], literal)) { kept.append(UInt32(row)) }
            }
        }
        return SelectionVector(kept)
    }

    private func scanFixed(_ batch: Batch, _ vector: Vector, _ width: Int, _ literal: [UInt8]) -> SelectionVector {
        var kept = ContiguousArray<UInt32>()
        vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                guard (row + 1) * width <= bytes.count, !vector.isNull(row) else { continue }
                if op.holds(Self.order(bytes[(row * width)..<((row + 1) * width)], literal)) { kept.append(UInt32(row)) }
            }
        }
        return SelectionVector(kept)
    }

    /// Unsigned byte-wise, a prefix first.
    @inline(__always)
    static func order(_ a: UnsafeBufferPointer<UInt8>.SubSequence, _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }
}
