import Columnar

/// The aggregate functions the executor computes.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count
    /// count(*): rows, NULLs included; takes no argument.
    case countStar = "count_star"
    case sum, avg, min, max
    case stddevSamp = "stddev_samp", stddevPop = "stddev_pop"
    case varianceSamp = "var_samp", variancePop = "var_pop"
    case approxCountDistinct = "approx_count_distinct"
    /// string_agg(value, separator).
    case stringAgg = "string_agg"
    case boolAnd = "bool_and", boolOr = "bool_or"
    /// array_agg(value): a list of the group's values, NULLs included.
    case arrayAgg = "array_agg"

    /// The function for a SQL name, with the usual aliases (stddev, variance, listagg...).
    public init?(sqlName: String) {
        let aliases: [String: AggregateFunction] = [
            "stddev": .stddevSamp, "variance": .varianceSamp, "var_samp": .varianceSamp, "var_pop": .variancePop,
            "mean": .avg, "listagg": .stringAgg, "group_concat": .stringAgg, "every": .boolAnd, "list": .arrayAgg,
        ]
        guard let f = aliases[sqlName.lowercased()] ?? AggregateFunction(rawValue: sqlName.lowercased()) else {
            return nil
        }
        self = f
    }
}

/// One aggregate in a GROUP BY: function, bound arguments, DISTINCT. Its result type follows DuckDB/Spark:
/// count BIGINT; sum of integers BIGINT (checked), of decimals DECIMAL(38, s), of floats DOUBLE; avg and the
/// statistical functions DOUBLE; min/max the argument's type; array_agg a LIST of it.
///
/// `string_agg(x, sep ORDER BY k)` and `array_agg(x ORDER BY k)`: the ORDER BY expressions are the last
/// `orderBy.count` arguments, each ordered by its `SortOrder`.
public struct AggregateExpression: Sendable, Hashable {
    public var function: AggregateFunction
    public var arguments: [PhysicalExpression]
    public var isDistinct: Bool
    public var orderBy: [SortOrder]

    public init(_ function: AggregateFunction, _ arguments: [PhysicalExpression] = [], distinct: Bool = false,
                orderBy: [SortOrder] = []) {
        self.function = function
        self.arguments = arguments
        isDistinct = distinct
        self.orderBy = orderBy
    }

    /// The arguments before the ORDER BY keys.
    public var valueArguments: ArraySlice<PhysicalExpression> { arguments.dropLast(orderBy.count) }

    public func resultType() throws -> DataType {
        let arity = function == .countStar ? 0 : (function == .stringAgg ? 2 : 1)
        let count = arguments.count - orderBy.count
        guard count == arity || (function == .stringAgg && count == 1) else {
            throw ExecutionError.mismatch("\(function.rawValue) takes \(arity) argument(s), got \(count)")
        }
        guard orderBy.isEmpty || function == .stringAgg || function == .arrayAgg else {
            throw ExecutionError.mismatch("ORDER BY in \(function.rawValue)(): only string_agg and array_agg depend on the order of their input")
        }
        let input = arguments.first?.type ?? .null
        switch function {
        case .count, .countStar, .approxCountDistinct: return .int64
        case .sum:
            if input.isInteger || input == .null || input == .boolean { return .int64 }
            if case .decimal(_, let s) = input { return .decimal(precision: 38, scale: s) }
            if input.isFloatingPoint { return .float64 }
        case .avg, .stddevSamp, .stddevPop, .varianceSamp, .variancePop:
            if input.isNumeric || input == .null { return .float64 }
        case .min, .max:
            if !input.isNested { return input }
        case .stringAgg:
            if input == .string || input == .null { return .string }
        case .boolAnd, .boolOr:
            if input == .boolean || input == .null { return .boolean }
        case .arrayAgg: return .list(Field("element", input))
        }
        throw ExecutionError.mismatch("No function matches '\(function.rawValue)(\(input.sqlName))'")
    }
}

/// Per-group state of one aggregate, kept in flat arrays indexed by group id (no per-group objects, so a
/// spilling aggregate can write the arrays out).
protocol AggregateState: AnyObject {
    /// Makes room for groups 0..<count.
    func resize(_ count: Int)
    /// Folds rows `rows[k]` (physical rows of `args`) into groups `groups[k]`.
    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws
    /// One value per group.
    func finalize(_ count: Int) throws -> Vector
    /// Bytes held beyond a fixed size per group (what collecting states keep), for the memory budget.
    var heldBytes: Int { get }
}

extension AggregateState {
    var heldBytes: Int { 0 }
}

extension AggregateExpression {
    func makeState() throws -> AggregateState {
        let type = try resultType()
        let input = arguments.first?.type ?? .null
        switch function {
        case .count: return CountState(countNulls: false)
        case .countStar: return CountState(countNulls: true)
        case .sum: return try SumState.make(input: input, result: type)
        case .avg: return MomentsState(input: input, output: .mean)
        case .stddevSamp: return MomentsState(input: input, output: .stddevSamp)
        case .stddevPop: return MomentsState(input: input, output: .stddevPop)
        case .varianceSamp: return MomentsState(input: input, output: .varianceSamp)
        case .variancePop: return MomentsState(input: input, output: .variancePop)
        case .min: return try MinMaxState.make(input, isMax: false)
        case .max: return try MinMaxState.make(input, isMax: true)
        case .approxCountDistinct: return HyperLogLogState()
        case .stringAgg where orderBy.isEmpty: return StringAggState()
        case .stringAgg: return CollectState(.string, valueType: input, keyOrders: orderBy)
        case .arrayAgg: return CollectState(.list, valueType: input, keyOrders: orderBy)
        case .boolAnd: return BoolState(isAnd: true)
        case .boolOr: return BoolState(isAnd: false)
        }
    }
}
