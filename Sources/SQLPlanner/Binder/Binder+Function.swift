import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// A scalar function call. Aggregates and windows reach here only where they are not allowed: inside the
    /// clause they belong to, the context already maps them to the column computed below.
    func bindFunction(_ call: FunctionCall, _ context: ExpressionContext, at location: SourceLocation) throws
        -> PhysicalExpression
    {
        let name = call.lowercasedName
        if call.window != nil {
            throw PlannerError(.binder, "window functions are not allowed in \(context.clause) (at \(location))")
        }
        if call.isAggregate {
            throw PlannerError(.binder, "aggregate function calls are not allowed in \(context.clause): \(name)() (at \(location))")
        }
        if name == "date_add" || name == "date_sub" { return try bindDateAdd(call, subtract: name == "date_sub", context, at: location) }
        let args = try call.arguments.map { try bind($0.value, context) }
        if let nested = try bindNestedFunction(name, call, args, context, at: location) { return nested }
        if args.isEmpty, let now = currentTime(name) { return now }
        switch name {
        case "coalesce", "ifnull", "nvl": return .coalesce(try PhysicalExpression.unified(args, "COALESCE"))
        case "nullif":
            guard args.count == 2 else { throw arity(name, 2, args.count, location) }
            let both = try PhysicalExpression.unified(args, "NULLIF")
            return .nullIf(both[0], both[1])
        case "greatest", "max": return .greatest(try PhysicalExpression.unified(args, "GREATEST"))
        case "least", "min": return .least(try PhysicalExpression.unified(args, "LEAST"))
        case "if", "iif":
            guard args.count == 3 else { throw arity(name, 3, args.count, location) }
            return try .caseWhen([WhenClause(args[0].cast(to: .boolean), args[1])], otherwise: args[2])
        default:
            do {
                return try .call(name, args)
            } catch let error as ExecutionError {
                throw PlannerError(.binder, "\(error.message.dropFirst("Binder Error: ".count)) (at \(location))")
            }
        }
    }

    private func arity(_ name: String, _ expected: Int, _ got: Int, _ location: SourceLocation) -> PlannerError {
        PlannerError(.binder, "\(name)() takes \(expected) arguments, got \(got) (at \(location))")
    }

    /// An aggregate call bound over the aggregate's input.
    func bindAggregate(_ call: FunctionCall, _ context: ExpressionContext, at location: SourceLocation) throws
        -> AggregateExpression
    {
        let name = call.lowercasedName
        if call.isStar || (name == "count" && call.arguments.isEmpty) { return AggregateExpression(.countStar) }
        let saved = context.allowsAggregates
        context.allowsAggregates = false
        defer { context.allowsAggregates = saved }
        var args = try call.arguments.map { try bind($0.value, context) }
        if let filter = call.filter, let first = args.first {
            // agg(x) FILTER (WHERE p) is agg(CASE WHEN p THEN x END).
            let p = try bind(filter, context).cast(to: .boolean)
            args[0] = .caseWhen([WhenClause(p, first)], otherwise: .literal(.null, first.type), first.type)
        }
        let function: AggregateFunction
        if name == "total" {
            function = .sum
            args = args.map { $0.cast(to: .float64) }
        } else if let known = AggregateFunction(sqlName: name) {
            function = known
        } else {
            throw PlannerError(.catalog, "Aggregate Function with name \(name) does not exist! (at \(location))")
        }
        if function == .stringAgg, args.count == 1 { args.append(.literal(.string(","), .string)) }
        if function == .stringAgg { args = args.map { $0.cast(to: .string) } }
        // ORDER BY keys follow the arguments: string_agg(x, sep ORDER BY k) is string_agg(x, sep, k).
        args += try call.orderBy.map { try bind($0.expression, context) }
        if [.avg, .stddevSamp, .stddevPop, .varianceSamp, .variancePop].contains(function), let first = args.first,
            first.type == .string || first.type == .boolean
        {
            args[0] = first.cast(to: .float64)
        }
        let aggregate = AggregateExpression(function, args, distinct: call.isDistinct, orderBy: call.orderBy.map(sortOrder))
        do {
            _ = try aggregate.resultType()
        } catch let error as ExecutionError {
            throw PlannerError(.binder, "\(error.message.dropFirst("Binder Error: ".count)) (at \(location))")
        }
        return aggregate
    }
}
