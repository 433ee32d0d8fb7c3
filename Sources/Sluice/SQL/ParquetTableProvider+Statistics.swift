import Parquet

extension ParquetTableProvider {
    /// Per top-level integer column, max - min + 1 over every row group's statistics, capped at the row count:
    /// an upper bound on its distinct values that the join orderer divides cardinalities by. Columns without
    /// trustworthy bounds in some row group are left out.
    static func distinctBounds(_ reader: ParquetFileReader) -> [Int: Int] {
        let total = Int64(reader.metadata.numRows)
        var bounds: [Int: Int] = [:]
        for (field, leaves) in reader.parquetSchema.fieldColumns.enumerated() where leaves.count == 1 {
            guard let range = integerRange(reader, leaf: leaves.lowerBound) else { continue }
            let (width, overflow) = range.max.subtractingReportingOverflow(range.min)
            bounds[field] = Int(overflow ? total : min(total, width &+ 1))
        }
        return bounds
    }

    private static func integerRange(_ reader: ParquetFileReader, leaf: Int) -> (min: Int64, max: Int64)? {
        var low = Int64.max, high = Int64.min
        for rowGroup in 0..<reader.rowGroupCount {
            guard let statistics = try? reader.statistics(rowGroup: rowGroup, column: leaf),
                  case .int(let a)? = statistics.min, case .int(let b)? = statistics.max else { return nil }
            low = Swift.min(low, a)
            high = Swift.max(high, b)
        }
        return low <= high ? (low, high) : nil
    }
}
