import Columnar

/// Evaluates one `PhysicalExpression` over batches, a vector at a time. Compiling once builds a tree of
/// nodes that keep per-expression state (compiled LIKE patterns and regexes, broadcast literals, resolved
/// functions), so per-batch work is only the kernels.
///
/// The result of `evaluate` has `batch.count` rows aligned with the batch's physical rows (of
/// `prepared(batch)` when the selection is not ascending); rows outside the selection are not computed.
/// `select` turns a BOOLEAN expression into a selection vector without copying.
public final class ExpressionExecutor {
    public let expression: PhysicalExpression
    let root: ExpressionNode

    public init(_ expression: PhysicalExpression, functions: ScalarFunctionRegistry = .standard) throws {
        self.expression = expression
        root = try ExpressionCompiler(functions: functions).compile(expression)
    }

    public var type: DataType { root.type }

    public func evaluate(_ batch: Batch) throws -> Vector {
        try root.evaluate(Self.prepared(batch))
    }

    /// The live rows where the predicate is TRUE. AND narrows the selection conjunct by conjunct, so
    /// `x <> 0 AND 10 / x > 1` never divides by zero.
    public func select(_ batch: Batch) throws -> SelectionVector {
        guard root.type == .boolean else {
            throw ExecutionError.mismatch("WHERE clause must be a BOOLEAN, got \(root.type.sqlName)")
        }
        return try root.select(Self.prepared(batch))
    }

    /// Kernels writing aligned output need an ascending selection; a batch with any other selection is
    /// compacted first, and results are then aligned with this prepared batch. Operators call it once per
    /// batch and evaluate all their expressions on the result.
    public static func prepared(_ batch: Batch) -> Batch {
        batch.hasOrderedSelection ? batch : batch.compacted()
    }
}

/// A compiled expression node.
protocol ExpressionNode: AnyObject {
    var type: DataType { get }
    func evaluate(_ batch: Batch) throws -> Vector
    func select(_ batch: Batch) throws -> SelectionVector
}

extension ExpressionNode {
    func select(_ batch: Batch) throws -> SelectionVector {
        BooleanKernels.select(try evaluate(batch), in: batch)
    }
}

/// `batch` with its live rows narrowed to `selection`.
func narrowed(_ batch: Batch, _ selection: SelectionVector) -> Batch {
    var out = batch
    out.selection = selection
    return out
}

/// Turns the plan's expression enum into nodes, resolving functions and checking operand types.
struct ExpressionCompiler {
    let functions: ScalarFunctionRegistry

    func compile(_ e: PhysicalExpression) throws -> ExpressionNode {
        switch e {
        case .column(let index, let type): return ColumnNode(index: index, type: type)
        case .literal(let value, let type): return LiteralNode(value: value, type: type)
        case .cast(let child, let to, let isTry):
            return CastNode(child: try compile(child), to: to, isTry: isTry)
        case .comparison(let op, let l, let r):
            try requireSame(l.type, r.type, op.rawValue)
            return ComparisonNode(op: op, l: try compileOrdered(l), r: try compileOrdered(r))
        case .arithmetic(let op, let l, let r, let type):
            if l.type.fixedWidth != r.type.fixedWidth || l.type.isFloatingPoint != r.type.isFloatingPoint
                || (l.type != r.type && !(l.type.isDecimal && r.type.isDecimal) && l.type != .date)
            {
                try requireSame(l.type, r.type, op.rawValue)
            }
            if op == .multiply, let node = try DecimalProductNode.compile(l, r, type, compile) { return node }
            return ArithmeticNode(op: op, l: try compile(l), r: try compile(r), type: type)
        case .and(let items): return LogicalNode(isAnd: true, children: try items.map(compileBoolean))
        case .or(let items): return LogicalNode(isAnd: false, children: try items.map(compileBoolean))
        case .not(let child): return NotNode(child: try compileBoolean(child))
        case .isNull(let child, let negated): return IsNullNode(child: try compile(child), negated: negated)
        case .isDistinctFrom(let l, let r, let negated):
            try requireSame(l.type, r.type, "IS DISTINCT FROM")
            return DistinctNode(l: try compileOrdered(l), r: try compileOrdered(r), negated: negated)
        case .inList(let value, let list, let negated):
            let v = try compileOrdered(value)
            let items = try list.map { item in
                try requireSame(value.type, item.type, "IN")
                return try compileOrdered(item)
            }
            return InListNode(value: v, list: items, negated: negated)
        case .between(let v, let low, let high, let negated):
            try requireSame(v.type, low.type, "BETWEEN")
            try requireSame(v.type, high.type, "BETWEEN")
            return BetweenNode(
                value: try compileOrdered(v), low: try compileOrdered(low), high: try compileOrdered(high),
                negated: negated)
        case .like(let v, let pattern, let escape, let ci, let negated):
            guard v.type == .string else { throw ExecutionError.mismatch("LIKE needs VARCHAR, got \(v.type.sqlName)") }
            let matcher = try LikePattern(pattern, escape: escape, caseInsensitive: ci)
            return LikeNode(child: try compile(v), pattern: matcher, negated: negated)
        default:
            return try compileComposite(e)
        }
    }

    private func compileComposite(_ e: PhysicalExpression) throws -> ExpressionNode {
        switch e {
        case .caseWhen(let arms, let otherwise, let type):
            let conditions = try arms.map { try compileBoolean($0.condition) }
            let results = try arms.map { arm in
                try requireSame(arm.result.type, type, "CASE")
                return try compile(arm.result)
            }
            return CaseNode(
                conditions: conditions, results: results, otherwise: try otherwise.map(compile), type: type)
        case .coalesce(let args):
            try args.forEach { try requireSame($0.type, e.type, "COALESCE") }
            return CoalesceNode(children: try args.map(compile), type: e.type)
        case .nullIf(let a, let b):
            try requireSame(a.type, b.type, "NULLIF")
            return NullIfNode(value: try compileOrdered(a), other: try compileOrdered(b))
        case .greatest(let args), .least(let args):
            try args.forEach { try requireSame($0.type, e.type, "GREATEST/LEAST") }
            let isGreatest = if case .greatest = e { true } else { false }
            return ExtremumNode(children: try args.map(compileOrdered), isGreatest: isGreatest, type: e.type)
        case .function(let name, let args, _):
            let compiled = try args.map(compile)
            let function = try functions.resolve(name, compiled.map(\.type))
            return FunctionNode(function: function, arguments: compiled)
        case .structField(let child, let index):
            guard case .structure(let fields) = child.type, fields.indices.contains(index) else {
                throw ExecutionError.mismatch("No field \(index) in \(child.type.sqlName)")
            }
            return StructFieldNode(child: try compile(child), index: index, type: fields[index].type)
        case .listElement(let list, let index):
            guard case .list = list.type, index.type.isInteger else {
                throw ExecutionError.mismatch("Cannot extract \(index.type.sqlName) from \(list.type.sqlName)")
            }
            return ElementNode(container: try compile(list), key: try compile(index.cast(to: .int64)), type: e.type)
        case .pack(let pack, let args):
            return try NestedPackNode(pack: pack, arguments: args.map(compile))
        case .mapElement(let map, let key):
            guard case .map(let k, _) = map.type else {
                throw ExecutionError.mismatch("Cannot extract a key from \(map.type.sqlName)")
            }
            return ElementNode(container: try compile(map), key: try compile(key.cast(to: k.type)), type: e.type)
        case .addInterval(let child, let interval):
            guard child.type.isTemporal else {
                throw ExecutionError.mismatch("Cannot add an INTERVAL to \(child.type.sqlName)")
            }
            return IntervalNode(child: try compile(child), interval: interval)
        default:
            throw ExecutionError(.internal, "Unhandled expression \(e)")
        }
    }

    private func compileBoolean(_ e: PhysicalExpression) throws -> ExpressionNode {
        guard e.type == .boolean || e.type == .null else {
            throw ExecutionError.mismatch("Expected a BOOLEAN operand, got \(e.type.sqlName)")
        }
        return try compile(e.type == .null ? .literal(.null, .boolean) : e)
    }

    /// Operands of comparisons: FLOAT16 is widened, since kernels compare FLOAT and DOUBLE.
    private func compileOrdered(_ e: PhysicalExpression) throws -> ExpressionNode {
        try compile(e.type == .float16 ? e.cast(to: .float32) : e)
    }

    private func requireSame(_ a: DataType, _ b: DataType, _ what: String) throws {
        if a == b || a == .null || b == .null { return }
        throw ExecutionError.mismatch(
            "Operands of \(what) have types \(a.sqlName) and \(b.sqlName); bind them with PhysicalExpression.compare/arithmetic"
        )
    }
}
