import Columnar
import Parquet

/// Pruning: whether a partition or a row group may hold a matching row. "May" errs towards reading: anything
/// the predicate cannot judge (an unparsable partition value, missing or INT96 statistics) is kept.
extension ScanPredicate {
    /// A partition whose value of this column is `value` (nil: the default partition, where it is NULL).
    public func mayMatch(partitionValue value: String?) -> Bool {
        guard let value else { return false }  // NULL matches no comparison
        guard let literal = try? ScanLiteral(parsing: value, as: type, context: ""),
              let order = literal.compare(to: self.literal) else { return true }
        return op.holds(order)
    }

    /// A row group whose column chunk has `statistics` and `rowCount` rows.
    public func mayMatch(_ statistics: ColumnStatistics, rowCount: Int64) -> Bool {
        if statistics.nullCount == rowCount { return false }
        let belowMin = statistics.min.flatMap { literal.compare(to: $0) }  // literal vs min
        let aboveMax = statistics.max.flatMap { literal.compare(to: $0) }  // literal vs max
        switch op {
        case .equal: return !(belowMin.map { $0 < 0 } ?? false) && !(aboveMax.map { $0 > 0 } ?? false)
        case .notEqual:
            let exact = statistics.isMinExact != false && statistics.isMaxExact != false && !type.isFloatingPoint
            return !(exact && belowMin == 0 && aboveMax == 0)
        case .less: return !(belowMin.map { $0 <= 0 } ?? false)
        case .lessOrEqual: return !(belowMin.map { $0 < 0 } ?? false)
        case .greater: return !(aboveMax.map { $0 >= 0 } ?? false)
        case .greaterOrEqual: return !(aboveMax.map { $0 > 0 } ?? false)
        }
    }
}

extension ScanPredicate {
    /// Whether every filter on a top-level primitive column may hold in row group `rowGroup` of `reader`, by
    /// its statistics. A column the file lacks reads as NULL, which no comparison matches.
    public static func mayMatch(_ filters: [ScanPredicate], _ reader: ParquetFileReader, rowGroup: Int) throws -> Bool {
        let rows = reader.metadata.rowGroups[rowGroup].numRows
        for filter in filters {
            guard let field = reader.parquetSchema.fieldIndex(filter.column) else { return false }
            let leaves = reader.parquetSchema.fieldColumns[field]
            guard leaves.count == 1, let statistics = try reader.statistics(rowGroup: rowGroup, column: leaves.lowerBound) else { continue }
            if !filter.mayMatch(statistics, rowCount: rows) { return false }
        }
        return true
    }
}

extension ScanLiteral {
    /// -1, 0 or 1 for self against a statistics bound; nil when the two do not compare (INT96, mixed kinds).
    func compare(to bound: StatisticsValue) -> Int? {
        switch (self, bound) {
        case (.int(let a), .int(let b)): return Self.order(a, b)
        case (.uint(let a), .uint(let b)): return Self.order(a, b)
        case (.double(let a), .double(let b)): return Self.order(a, b)
        case (.bool(let a), .bool(let b)): return Self.order(a ? 1 : 0, b ? 1 : 0)
        case (.bytes(let a), .bytes(let b)): return StatisticsValue.compareUnsigned(a, b)
        case (.wideDecimal(let a), .int(let b)): return Self.order(a, Int128(b))
        case (.int(let a), .decimalBytes(let b)): return Self.twosComplement(b).map { Self.order(Int128(a), $0) }
        case (.wideDecimal(let a), .decimalBytes(let b)): return Self.twosComplement(b).map { Self.order(a, $0) }
        default: return nil
        }
    }

    /// -1, 0 or 1 for self against another literal of the same column.
    func compare(to other: ScanLiteral) -> Int? {
        switch (self, other) {
        case (.int(let a), .int(let b)): Self.order(a, b)
        case (.uint(let a), .uint(let b)): Self.order(a, b)
        case (.double(let a), .double(let b)): Self.order(a, b)
        case (.bool(let a), .bool(let b)): Self.order(a ? 1 : 0, b ? 1 : 0)
        case (.bytes(let a), .bytes(let b)): StatisticsValue.compareUnsigned(a, b)
        case (.wideDecimal(let a), .wideDecimal(let b)): Self.order(a, b)
        case (.int(let a), .wideDecimal(let b)): Self.order(Int128(a), b)
        case (.wideDecimal(let a), .int(let b)): Self.order(a, Int128(b))
        default: nil
        }
    }

    @inline(__always)
    static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// Big-endian two's complement of at most 16 bytes.
    static func twosComplement(_ bytes: [UInt8]) -> Int128? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value: Int128 = bytes[0] & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int128(byte) }
        return value
    }
}

extension DataType {
    var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }
}
