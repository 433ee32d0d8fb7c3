import Columnar
import SQLLogicTest
import SQLPlanner

/// Runs sqllogictest records against a `SQLEngine`: the last statement's rows become the record's outcome,
/// values typed by their columns (integers, reals, text; dates and other types as their text).
public final class SQLEngineTestAdapter: SQLLogicTestEngine {
    public let engine: SQLEngine

    public init(engine: SQLEngine = SQLEngine()) { self.engine = engine }

    public func execute(_ sql: String) throws -> QueryOutcome {
        guard let result = try engine.execute(sql).last, result.hasRows else { return .statementOK }
        var rows: [[ResultValue]] = []
        for batch in result.batches {
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                rows.append(batch.columns.map { Self.value($0, row) })
            }
        }
        return QueryOutcome(columnCount: result.schema.fields.count, rows: rows)
    }

    static func value(_ vector: Vector, _ row: Int) -> ResultValue {
        if vector.isNull(row) { return .null }
        switch vector.value(at: row) {
        case .null: return .null
        case .bool(let b): return .boolean(b)
        case .int(let i) where vector.type.isPlainInteger: return .integer(i)
        case .uint(let u): return u <= UInt64(Int64.max) ? .integer(Int64(u)) : .real(Double(u))
        case .float(let d): return .real(d)
        case .decimal(let unscaled):
            guard case .decimal(_, let scale) = vector.type else { return .real(Double(unscaled)) }
            var divisor = 1.0
            for _ in 0..<scale { divisor *= 10 }
            return .real(Double(unscaled) / divisor)
        case .string(let s): return .text(s)
        default:
            var text: [UInt8] = []
            CSV.text(vector, row, into: &text)
            return .text(String(decoding: text, as: UTF8.self))
        }
    }
}

extension DataType {
    fileprivate var isPlainInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }
}
