import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// The window calls of the SELECT list and ORDER BY, computed by one window node; afterwards the
    /// context reads each call from its column.
    func bindWindows(_ sources: [Expression], _ context: ExpressionContext) throws {
        var calls: [FunctionCall] = []
        for e in sources { for call in e.windowCalls where !calls.contains(call) { calls.append(call) } }
        guard !calls.isEmpty else { return }
        context.clause = "OVER"
        let windows = try calls.map { try bindWindow($0, context) }
        let base = context.plan.width
        context.plan = .window(context.plan, windows)
        for (k, call) in calls.enumerated() {
            context.computed[Expression(.function(call))] = .column(base + k, try windows[k].resultType())
        }
    }

    private func bindWindow(_ call: FunctionCall, _ context: ExpressionContext) throws -> WindowExpression {
        guard let spec = call.window else { throw PlannerError(.binder, "\(call.lowercasedName) needs OVER") }
        if spec.reference != nil { throw PlannerError(.notSupported, "named windows (OVER name)") }
        let name = call.lowercasedName
        var args = try call.arguments.map { try bind($0.value, context) }
        let function: WindowExpression.Function
        switch name {
        case "row_number": function = .rowNumber
        case "rank": function = .rank
        case "dense_rank": function = .denseRank
        case "lag", "lead":
            let offset = try args.count > 1 ? windowInteger(args[1], name) : 1
            var fallback: Value? = nil
            if args.count > 2, let first = args.first {
                fallback = try constant(args[2].cast(to: first.type), at: call.name.location)
            }
            args = Array(args.prefix(1))
            function = name == "lag" ? .lag(offset: offset, default: fallback) : .lead(offset: offset, default: fallback)
        default:
            guard call.orderBy.isEmpty else {
                throw PlannerError(.binder, "\(name)(... ORDER BY ...) OVER: a window aggregate takes its order from the window's ORDER BY (at \(call.name.location))")
            }
            let aggregate = try bindAggregate(call, context, at: call.name.location)
            function = .aggregate(aggregate.function)
            args = aggregate.arguments
        }
        let partitions = try spec.partitionBy.map { try bind($0, context) }
        let order = try spec.orderBy.map { SortKey(try bind($0.expression, context), sortOrder($0)) }
        return WindowExpression(function, arguments: args, partitionBy: partitions, orderBy: order,
                                frame: try spec.frame.map(windowFrame))
    }

    private func windowInteger(_ e: PhysicalExpression, _ name: String) throws -> Int {
        guard case .int(let n) = try constant(e.cast(to: .int64), at: .start) else {
            throw PlannerError(.binder, "\(name) offset must be a constant integer")
        }
        return Int(n)
    }

    private func windowFrame(_ frame: SQLSyntax.WindowFrame) throws -> ExecutionWindowFrame {
        let empty = ExpressionContext(scope: Scope(), plan: .values(Schema([]), [[]]), binder: self, clause: "frame")
        func offset(_ e: Expression) throws -> Double {
            switch try constant(bind(e, empty).cast(to: .float64), at: e.location) {
            case .float(let d) where d >= 0: return d
            default: throw PlannerError(.binder, "frame offsets must be non-negative constants (at \(e.location))")
            }
        }
        func bound(_ b: SQLSyntax.WindowFrame.Bound) throws -> ExecutionWindowFrame.Bound {
            switch b {
            case .unboundedPreceding: return .unboundedPreceding
            case .preceding(let e): return .preceding(try offset(e))
            case .currentRow: return .currentRow
            case .following(let e): return .following(try offset(e))
            case .unboundedFollowing: return .unboundedFollowing
            }
        }
        return ExecutionWindowFrame(frame.unit == .rows ? .rows : .range, start: try bound(frame.start),
                                        end: try bound(frame.end ?? .currentRow))
    }
}
