import Columnar

/// A window function call: the function, its arguments, PARTITION BY, ORDER BY and the frame.
public struct WindowExpression: Sendable, Hashable {
    public enum Function: Sendable, Hashable {
        case rowNumber, rank, denseRank
        /// lag(value, offset, default) / lead(...): the value `offset` rows before / after in the partition.
        case lag(offset: Int, default: Value?)
        case lead(offset: Int, default: Value?)
        /// sum, avg, min, max, count, count(*) and the other aggregates, over the frame.
        case aggregate(AggregateFunction)
    }

    public var function: Function
    public var arguments: [PhysicalExpression]
    public var partitionBy: [PhysicalExpression]
    public var orderBy: [SortKey]
    /// nil: the SQL default (RANGE UNBOUNDED PRECEDING .. CURRENT ROW with ORDER BY, else the whole partition).
    public var frame: WindowFrame?

    public init(
        _ function: Function, arguments: [PhysicalExpression] = [], partitionBy: [PhysicalExpression] = [],
        orderBy: [SortKey] = [], frame: WindowFrame? = nil
    ) {
        self.function = function
        self.arguments = arguments
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }

    public func resultType() throws -> DataType {
        switch function {
        case .rowNumber, .rank, .denseRank: return .int64
        case .lag, .lead:
            guard let t = arguments.first?.type else { throw ExecutionError.mismatch("lag/lead need an argument") }
            return t
        case .aggregate(let f): return try AggregateExpression(f, arguments).resultType()
        }
    }

    var effectiveFrame: WindowFrame {
        frame ?? (orderBy.isEmpty
            ? WindowFrame(.rows, start: .unboundedPreceding, end: .unboundedFollowing)
            : WindowFrame(.range, start: .unboundedPreceding, end: .currentRow))
    }
}

/// ROWS or RANGE BETWEEN start AND end.
public struct WindowFrame: Sendable, Hashable {
    public enum Unit: Sendable, Hashable { case rows, range }
    public enum Bound: Sendable, Hashable {
        case unboundedPreceding, preceding(Double), currentRow, following(Double), unboundedFollowing
    }

    public var unit: Unit
    public var start: Bound
    public var end: Bound

    public init(_ unit: Unit, start: Bound, end: Bound) {
        self.unit = unit
        self.start = start
        self.end = end
    }

    /// Frames that only grow as the current row advances, computed by one running state per partition.
    var isRunning: Bool {
        start == .unboundedPreceding && end == .currentRow
    }
}
