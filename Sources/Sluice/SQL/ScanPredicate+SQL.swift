import Columnar
import SQLExecution
import TableFormat

/// The SQL filters a scan receives, as the `column op constant` predicates that prune partitions and Parquet
/// row groups by statistics. Only exact shapes translate (a bare column against a non-NULL literal of the
/// column's own type, and BETWEEN of such literals); the scan still applies every filter to the rows, so a
/// filter that does not translate only costs pruning, never correctness.
extension ScanPredicate {
    static func pruning(_ filters: [PhysicalExpression], schema: Schema) -> [ScanPredicate] {
        filters.flatMap { filter in conjuncts(filter).flatMap { translate($0, schema) } }
    }

    private static func conjuncts(_ e: PhysicalExpression) -> [PhysicalExpression] {
        if case .and(let list) = e { return list.flatMap(conjuncts) }
        return [e]
    }

    private static func translate(_ e: PhysicalExpression, _ schema: Schema) -> [ScanPredicate] {
        switch e {
        case .comparison(let op, .column(let c, let t), .literal(let v, let u)) where t == u:
            return predicate(c, op, v, schema).map { [$0] } ?? []
        case .comparison(let op, .literal(let v, let u), .column(let c, let t)) where t == u:
            return predicate(c, op.flipped, v, schema).map { [$0] } ?? []
        case .between(.column(let c, let t), .literal(let low, let u), .literal(let high, let w), negated: false)
            where t == u && t == w:
            return [predicate(c, .greaterOrEqual, low, schema), predicate(c, .lessOrEqual, high, schema)].compactMap { $0 }
        default:
            return []
        }
    }

    private static func predicate(_ column: Int, _ op: ComparisonOperator, _ value: Value, _ schema: Schema) -> ScanPredicate? {
        guard schema.fields.indices.contains(column), let scanOp = Operator(rawValue: op == .notEqual ? "!=" : op.rawValue)
        else { return nil }
        let field = schema.fields[column]
        guard let literal = ScanLiteral(value, type: field.type) else { return nil }
        return ScanPredicate(column: field.name, op: scanOp, literal: literal, type: field.type, text: "\(value)")
    }
}

extension ScanLiteral {
    /// A constant in the physical representation statistics compare against; nil for NULL and other types.
    init?(_ value: Value, type: DataType) {
        switch (type, value) {
        case (.int8, .int(let v)), (.int16, .int(let v)), (.int32, .int(let v)), (.int64, .int(let v)), (.date, .int(let v)):
            self = .int(v)
        case (.timestamp, .int(let v)), (.time, .int(let v)): self = .int(v)
        case (.uint8, .uint(let v)), (.uint16, .uint(let v)), (.uint32, .uint(let v)), (.uint64, .uint(let v)): self = .uint(v)
        case (.float32, .float(let v)), (.float64, .float(let v)):
            guard !v.isNaN else { return nil }
            self = .double(v)
        case (.decimal(let precision, _), .decimal(let v)):
            self = precision <= 18 ? (Int64(exactly: v).map { .int($0) } ?? .wideDecimal(v)) : .wideDecimal(v)
        case (.string, .string(let s)): self = .bytes(Array(s.utf8))
        case (.binary, .bytes(let b)): self = .bytes(b)
        case (.boolean, .bool(let b)): self = .bool(b)
        default: return nil
        }
    }
}
