import Columnar

/// A bound scalar expression: what the planner hands the executor. Columns are input *indices* with resolved
/// types; every node knows its result `type`. Build comparison and arithmetic nodes through the throwing
/// constructors in `PhysicalExpression+Binding.swift`, which insert the casts that give both sides one type.
public indirect enum PhysicalExpression: Sendable, Hashable {
    /// Input column `index` of type `type`.
    case column(Int, DataType)
    /// A constant; `.null` is the typed SQL NULL.
    case literal(Value, DataType)
    /// CAST (throws on failure) or TRY_CAST (`isTry`, NULL on failure).
    case cast(PhysicalExpression, to: DataType, isTry: Bool)
    /// Both operands of the same type.
    case comparison(ComparisonOperator, PhysicalExpression, PhysicalExpression)
    /// Operands typed by `ArithmeticOperator.resultType`; the result type is stored.
    case arithmetic(ArithmeticOperator, PhysicalExpression, PhysicalExpression, DataType)
    /// Three-valued AND / OR over any number of BOOLEAN operands.
    case and([PhysicalExpression])
    case or([PhysicalExpression])
    case not(PhysicalExpression)
    /// IS NULL, or IS NOT NULL when `negated`.
    case isNull(PhysicalExpression, negated: Bool)
    /// IS DISTINCT FROM, or IS NOT DISTINCT FROM when `negated`: NULLs compare as equal values.
    case isDistinctFrom(PhysicalExpression, PhysicalExpression, negated: Bool)
    /// `value [NOT] IN (list)`, all of the value's type.
    case inList(PhysicalExpression, [PhysicalExpression], negated: Bool)
    /// `value [NOT] BETWEEN low AND high`, all of one type.
    case between(PhysicalExpression, low: PhysicalExpression, high: PhysicalExpression, negated: Bool)
    /// `value [NOT] [I]LIKE 'pattern' [ESCAPE 'c']` with a constant pattern, compiled once.
    case like(PhysicalExpression, pattern: String, escape: Character?, caseInsensitive: Bool, negated: Bool)
    /// CASE WHEN c THEN v ... ELSE e END; all results of `type`.
    case caseWhen([WhenClause], otherwise: PhysicalExpression?, DataType)
    case coalesce([PhysicalExpression])
    case nullIf(PhysicalExpression, PhysicalExpression)
    case greatest([PhysicalExpression])
    case least([PhysicalExpression])
    /// A scalar function resolved in a `ScalarFunctionRegistry`; build with `PhysicalExpression.call`.
    case function(String, [PhysicalExpression], DataType)
    /// Field `index` of a struct.
    case structField(PhysicalExpression, Int)
    /// `list[index]`, 1-based; NULL when out of range.
    case listElement(PhysicalExpression, index: PhysicalExpression)
    /// `map[key]`: the value of the first entry whose key equals `key`, else NULL.
    case mapElement(PhysicalExpression, key: PhysicalExpression)
    /// date / timestamp + interval (subtract by negating the interval).
    case addInterval(PhysicalExpression, Interval)
    /// A struct, list or map built from its arguments, row by row.
    case pack(NestedPack, [PhysicalExpression])

    public var type: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .cast(_, let t, _), .arithmetic(_, _, _, let t),
            .caseWhen(_, _, let t), .function(_, _, let t):
            return t
        case .comparison, .and, .or, .not, .isNull, .isDistinctFrom, .inList, .between, .like:
            return .boolean
        case .coalesce(let args), .greatest(let args), .least(let args):
            return args.first?.type ?? .null
        case .nullIf(let a, _): return a.type
        case .structField(let e, let i):
            if case .structure(let fields) = e.type, fields.indices.contains(i) { return fields[i].type }
            return .null
        case .listElement(let e, _):
            if case .list(let f) = e.type { return f.type }
            return .null
        case .mapElement(let e, _):
            if case .map(_, let v) = e.type { return v.type }
            return .null
        case .addInterval(let e, let interval):
            return e.type == .date && interval.microseconds != 0 ? .timestamp(.microsecond, utc: false) : e.type
        case .pack(let pack, _): return pack.type
        }
    }
}

/// One WHEN ... THEN ... arm of a CASE.
public struct WhenClause: Sendable, Hashable {
    public var condition: PhysicalExpression
    public var result: PhysicalExpression
    public init(_ condition: PhysicalExpression, _ result: PhysicalExpression) {
        self.condition = condition
        self.result = result
    }
}

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// The operator with its operands swapped (a < b  ⇔  b > a).
    public var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}

public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*"
    /// `/`: always DOUBLE for integer, decimal and float operands (Spark semantics).
    case divide = "/"
    /// DIV: integer division truncating toward zero, BIGINT.
    case integerDivide = "DIV"
    case modulo = "%"

    var name: String {
        switch self {
        case .add: "addition"
        case .subtract: "subtraction"
        case .multiply: "multiplication"
        case .divide: "division"
        case .integerDivide: "integer division"
        case .modulo: "modulo"
        }
    }
}

/// A calendar interval: months, days and microseconds, added field by field (SQL INTERVAL semantics).
public struct Interval: Sendable, Hashable {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    public var negated: Interval { Interval(months: -months, days: -days, microseconds: -microseconds) }
}
