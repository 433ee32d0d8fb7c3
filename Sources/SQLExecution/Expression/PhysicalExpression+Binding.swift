import Columnar

/// Typed constructors for the planner: each checks its operands and inserts the casts that give them one type,
/// so kernels only ever see operands of equal physical type.
extension PhysicalExpression {
    /// `expression` cast to `type`, or itself when it already has that type.
    public func cast(to type: DataType) -> PhysicalExpression {
        if self.type == type { return self }
        if case .literal(.null, _) = self { return .literal(.null, type) }
        return .cast(self, to: type, isTry: false)
    }

    /// A comparison over the common type of both operands.
    public static func compare(_ op: ComparisonOperator, _ lhs: PhysicalExpression, _ rhs: PhysicalExpression)
        throws -> PhysicalExpression
    {
        let common = try commonType(lhs.type, rhs.type, "\(op.rawValue)")
        return .comparison(op, lhs.cast(to: common), rhs.cast(to: common))
    }

    /// An arithmetic node with Spark's typing: `/` is DOUBLE, DIV is BIGINT, decimals keep exact scales.
    public static func arithmetic(_ op: ArithmeticOperator, _ lhs: PhysicalExpression, _ rhs: PhysicalExpression)
        throws -> PhysicalExpression
    {
        let (l, r) = (lhs.type, rhs.type)
        if l == .date || r == .date { return try dateArithmetic(op, lhs, rhs) }
        guard l.isNumeric || l == .null, r.isNumeric || r == .null else {
            throw ExecutionError.mismatch(
                "No function matches '\(op.rawValue)(\(l.sqlName), \(r.sqlName))'. Add explicit type casts")
        }
        var common = try commonType(l, r, op.rawValue)
        if common == .null { common = .int32 }
        if common == .float16 || common == .float32 { common = .float64 }
        switch op {
        case .divide:
            return .arithmetic(op, lhs.cast(to: .float64), rhs.cast(to: .float64), .float64)
        case .integerDivide:
            guard common.isInteger else {
                throw ExecutionError.mismatch("DIV needs integer operands, got \(l.sqlName) and \(r.sqlName)")
            }
            return .arithmetic(op, lhs.cast(to: .int64), rhs.cast(to: .int64), .int64)
        default:
            guard case .decimal(let p, let s) = common else {
                return .arithmetic(op, lhs.cast(to: common), rhs.cast(to: common), common)
            }
            return decimalArithmetic(op, lhs, rhs, precision: p, scale: s)
        }
    }

    private static func decimalArithmetic(
        _ op: ArithmeticOperator, _ lhs: PhysicalExpression, _ rhs: PhysicalExpression, precision: Int, scale: Int
    ) -> PhysicalExpression {
        switch op {
        case .multiply:
            let ls = lhs.type.decimalScale, rs = rhs.type.decimalScale
            let p = min(38, lhs.type.decimalPrecision + rhs.type.decimalPrecision)
            let result = DataType.decimal(precision: p, scale: ls + rs)
            return .arithmetic(
                op, lhs.cast(to: .decimal(precision: p, scale: ls)), rhs.cast(to: .decimal(precision: p, scale: rs)),
                result)
        case .add, .subtract:
            let result = DataType.decimal(precision: min(38, precision + 1), scale: scale)
            return .arithmetic(op, lhs.cast(to: result), rhs.cast(to: result), result)
        default:
            let result = DataType.decimal(precision: precision, scale: scale)
            return .arithmetic(op, lhs.cast(to: result), rhs.cast(to: result), result)
        }
    }

    /// date ± integer days; date - date is the days between them (BIGINT, as DuckDB and Spark's datediff).
    private static func dateArithmetic(_ op: ArithmeticOperator, _ lhs: PhysicalExpression, _ rhs: PhysicalExpression)
        throws -> PhysicalExpression
    {
        switch (op, lhs.type, rhs.type) {
        case (.add, .date, let t) where t.isInteger:
            return .arithmetic(.add, lhs, rhs.cast(to: .int32), .date)
        case (.add, let t, .date) where t.isInteger:
            return .arithmetic(.add, rhs, lhs.cast(to: .int32), .date)
        case (.subtract, .date, let t) where t.isInteger:
            return .arithmetic(.subtract, lhs, rhs.cast(to: .int32), .date)
        case (.subtract, .date, .date):
            return try .call("datediff", [lhs, rhs])
        default:
            throw ExecutionError.mismatch(
                "No function matches '\(op.rawValue)(\(lhs.type.sqlName), \(rhs.type.sqlName))'")
        }
    }

    /// `value [NOT] IN (list)` over the common type of all.
    public static func isIn(_ value: PhysicalExpression, _ list: [PhysicalExpression], negated: Bool = false) throws
        -> PhysicalExpression
    {
        let common = try list.reduce(value.type) { try commonType($0, $1.type, "IN") }
        return .inList(value.cast(to: common), list.map { $0.cast(to: common) }, negated: negated)
    }

    public static func isBetween(
        _ value: PhysicalExpression, _ low: PhysicalExpression, _ high: PhysicalExpression, negated: Bool = false
    ) throws -> PhysicalExpression {
        let common = try commonType(try commonType(value.type, low.type, "BETWEEN"), high.type, "BETWEEN")
        return .between(value.cast(to: common), low: low.cast(to: common), high: high.cast(to: common), negated: negated)
    }

    public static func isDistinct(_ lhs: PhysicalExpression, _ rhs: PhysicalExpression, negated: Bool = false) throws
        -> PhysicalExpression
    {
        let common = try commonType(lhs.type, rhs.type, "IS DISTINCT FROM")
        return .isDistinctFrom(lhs.cast(to: common), rhs.cast(to: common), negated: negated)
    }

    /// COALESCE, GREATEST, LEAST and CASE results share one type.
    public static func unified(_ args: [PhysicalExpression], _ what: String) throws -> [PhysicalExpression] {
        guard let first = args.first else { throw ExecutionError.mismatch("\(what) needs at least one argument") }
        let common = try args.dropFirst().reduce(first.type) { try commonType($0, $1.type, what) }
        return args.map { $0.cast(to: common) }
    }

    public static func caseWhen(_ arms: [WhenClause], otherwise: PhysicalExpression?) throws -> PhysicalExpression {
        let results = try unified(arms.map(\.result) + (otherwise.map { [$0] } ?? []), "CASE")
        let typed = zip(arms, results).map { WhenClause($0.condition, $1) }
        return .caseWhen(typed, otherwise: otherwise == nil ? nil : results.last, results.last?.type ?? .null)
    }

    static func commonType(_ a: DataType, _ b: DataType, _ what: String) throws -> DataType {
        guard let common = TypePromotion.common(a, b) else {
            throw ExecutionError.mismatch(
                "Cannot compare values of type \(a.sqlName) and \(b.sqlName) in \(what). Add explicit type casts")
        }
        return common
    }
}

extension DataType {
    var decimalScale: Int {
        if case .decimal(_, let s) = self { return s }
        return 0
    }

    var decimalPrecision: Int {
        if case .decimal(let p, _) = self { return p }
        return integerDigits ?? 38
    }
}
