import Columnar
import SQLExecution
import SQLSyntax

extension Binder {
    /// Binds a scalar expression in `context`; sql-exec's constructors insert the implicit casts.
    func bind(_ e: Expression, _ context: ExpressionContext) throws -> PhysicalExpression {
        if let computed = context.computed[e] { return computed }
        do {
            return try bindKind(e, context)
        } catch let error as ExecutionError where error.code == .mismatchType && !error.message.contains(" (at ") {
            throw PlannerError(.binder, "\(error.message.dropFirst("Binder Error: ".count)) (at \(e.location))")
        }
    }

    private func bindKind(_ e: Expression, _ context: ExpressionContext) throws -> PhysicalExpression {
        switch e.kind {
        case .literal(let literal): return try bindLiteral(literal, at: e.location)
        case .column(let parts):
            // A bare current_date / current_timestamp is a column only when one has that name.
            guard let bound = try context.resolveColumn(parts) ?? bindFieldPath(parts, context)
                ?? (parts.count == 1 && !parts[0].isQuoted ? currentTime(parts[0].name) : nil) else {
                let name = parts.map(\.name).joined(separator: ".")
                throw PlannerError(.binder, "Referenced column \"\(name)\" not found in FROM clause! (at \(e.location))")
            }
            return bound
        case .unary(let op, let operand): return try bindUnary(op, operand, context)
        case .binary(let op, let l, let r):
            if let dated = try bindIntervalArithmetic(op, l, r, context) { return dated }
            return try bindBinary(op, bind(l, context), bind(r, context))
        case .isNull(let operand, let negated): return .isNull(try bind(operand, context), negated: negated)
        case .isDistinctFrom(let l, let r, let negated):
            return try .isDistinct(bind(l, context), bind(r, context), negated: negated)
        case .isBoolean(let operand, let value, let negated):
            return try .isDistinct(bind(operand, context), .literal(.bool(value), .boolean), negated: !negated)
        case .between(let value, let low, let high, let negated):
            return try .isBetween(bind(value, context), bind(low, context), bind(high, context), negated: negated)
        case .inList(let value, let list, let negated):
            guard !list.isEmpty else { return .literal(.bool(negated), .boolean) }
            return try .isIn(bind(value, context), list.map { try bind($0, context) }, negated: negated)
        case .like(let value, let pattern, let escape, let op, let negated):
            return try bindLike(value, pattern, escape, op, negated, context)
        case .inQuery(let value, let query, let negated):
            let bound = try bindSubquery(query, .in(probe: bind(value, context)), context, at: e.location)
            return negated ? .not(bound) : bound
        case .exists(let query): return try bindSubquery(query, .exists, context, at: e.location)
        case .subquery(let query): return try bindSubquery(query, .scalar, context, at: e.location)
        case .caseWhen(let operand, let branches, let otherwise):
            return try bindCase(operand, branches, otherwise, context)
        case .cast(let operand, let type, let syntax):
            return try bindCast(bind(operand, context), to: type, isTry: syntax == .tryCast, at: e.location)
        case .function(let call): return try bindFunction(call, context, at: e.location)
        case .extract(let field, let operand):
            return try .call("date_part", [.literal(.string(field.name.lowercased()), .string), bind(operand, context)])
        case .collate(let operand, _): return try bind(operand, context)
        case .element(let base, let index): return try element(bind(base, context), bind(index, context), at: e.location)
        case .field(let base, let name): return try field(bind(base, context), name)
        case .row(let items):
            return try structPack(items.indices.map { "col\($0 + 1)" }, items.map { try bind($0, context) }, at: e.location)
        case .array(let items): return try listPack(items.map { try bind($0, context) }, at: e.location)
        }
    }

    func bindLiteral(_ literal: Literal, at location: SourceLocation) throws -> PhysicalExpression {
        switch literal {
        case .null: return .literal(.null, .null)
        case .boolean(let b): return .literal(.bool(b), .boolean)
        case .integer(let digits):
            if let v = Int64(digits) {
                if !options.sqliteCompatibility, let small = Int32(exactly: v) { return .literal(.int(Int64(small)), .int32) }
                return .literal(.int(v), .int64)
            }
            return try decimalLiteral(digits, at: location)
        case .decimal(let text):
            if options.sqliteCompatibility { return .literal(.float(Double(text) ?? 0), .float64) }
            return try decimalLiteral(text, at: location)
        case .float(let text):
            guard let v = Double(text) else { throw PlannerError(.binder, "invalid number \(text) (at \(location))") }
            return .literal(.float(v), .float64)
        case .string(let s): return .literal(.string(s), .string)
        case .blob(let hex): return .literal(.bytes(try Self.hexBytes(hex, at: location)), .binary)
        case .typed(let type, let text):
            return try bindCast(.literal(.string(text), .string), to: type, isTry: false, at: location)
        case .interval:
            throw PlannerError(.notSupported, "INTERVAL values are supported only in date arithmetic (at \(location))")
        }
    }

    /// `12.50` as DECIMAL(4, 2); beyond 38 digits, DOUBLE.
    private func decimalLiteral(_ text: String, at location: SourceLocation) throws -> PhysicalExpression {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "", fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = (whole + fraction).drop { $0 == "0" }
        if digits.isEmpty { digits = "0" }
        let precision = max(digits.count, fraction.count + 1), scale = fraction.count
        guard precision <= 38, let unscaled = Int128(String(digits)) else {
            return .literal(.float(Double(text) ?? 0), .float64)
        }
        return .literal(.decimal(unscaled), .decimal(precision: precision, scale: scale))
    }

    private static func hexBytes(_ hex: String, at location: SourceLocation) throws -> [UInt8] {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { throw PlannerError(.binder, "odd number of hex digits in X'\(hex)' (at \(location))") }
        return try stride(from: 0, to: chars.count, by: 2).map { i in
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else {
                throw PlannerError(.binder, "invalid hex digits in X'\(hex)' (at \(location))")
            }
            return byte
        }
    }

    private func bindUnary(_ op: UnaryOperator, _ operand: Expression, _ context: ExpressionContext) throws
        -> PhysicalExpression
    {
        switch op {
        case .not: return .not(try bind(operand, context).cast(to: .boolean))
        case .plus: return try bind(operand, context)
        case .negate:
            if case .literal(.integer(let digits)) = operand.kind {
                return try bindLiteral(.integer("-" + digits), at: operand.location).withSQLiteWidth(options)
            }
            let value = try bind(operand, context)
            let zero: PhysicalExpression = value.type.isFloatingPoint ? .literal(.float(0), .float64) : .literal(.int(0), .int32)
            return try .arithmetic(.subtract, zero, value)
        case .bitwiseNot:
            throw PlannerError(.notSupported, "operator ~ is not supported (at \(operand.location))")
        }
    }

    func bindBinary(_ op: BinaryOperator, _ l: PhysicalExpression, _ r: PhysicalExpression) throws
        -> PhysicalExpression
    {
        switch op {
        case .and: return .and([l.cast(to: .boolean), r.cast(to: .boolean)])
        case .or: return .or([l.cast(to: .boolean), r.cast(to: .boolean)])
        case .equal: return try .compare(.equal, l, r)
        case .notEqual: return try .compare(.notEqual, l, r)
        case .less: return try .compare(.less, l, r)
        case .lessOrEqual: return try .compare(.lessOrEqual, l, r)
        case .greater: return try .compare(.greater, l, r)
        case .greaterOrEqual: return try .compare(.greaterOrEqual, l, r)
        case .add: return try .arithmetic(.add, l, r)
        case .subtract: return try .arithmetic(.subtract, l, r)
        case .multiply: return try .arithmetic(.multiply, l, r)
        case .divide:
            let integers = (l.type.isInteger || l.type == .null) && (r.type.isInteger || r.type == .null)
            if options.sqliteCompatibility && integers { return try nullOnZero(.integerDivide, l, r) }
            if options.sqliteCompatibility { return try nullOnZero(.divide, l, r) }
            return try .arithmetic(.divide, l, r)
        case .integerDivide: return try .arithmetic(.integerDivide, l, r)
        case .modulo:
            if options.sqliteCompatibility { return try nullOnZero(.modulo, l, r) }
            return try .arithmetic(.modulo, l, r)
        case .concat: return try .call("concat", [l.cast(to: .string), r.cast(to: .string)])
        case .bitwiseOr, .bitwiseXor, .bitwiseAnd, .shiftLeft, .shiftRight:
            throw PlannerError(.notSupported, "operator \(op.rawValue) is not supported")
        }
    }

    /// SQLite: a zero divisor gives NULL rather than an error.
    private func nullOnZero(_ op: ArithmeticOperator, _ l: PhysicalExpression, _ r: PhysicalExpression) throws
        -> PhysicalExpression
    {
        let division = try PhysicalExpression.arithmetic(op, l, r)
        let isZero = try PhysicalExpression.compare(.equal, r, .literal(.int(0), .int32))
        return .caseWhen([WhenClause(isZero, .literal(.null, division.type))], otherwise: division, division.type)
    }

    private func bindLike(
        _ value: Expression, _ pattern: Expression, _ escape: Expression?, _ op: PatternOperator, _ negated: Bool,
        _ context: ExpressionContext
    ) throws -> PhysicalExpression {
        let subject = try bind(value, context).cast(to: .string)
        guard case .string(let text) = try constant(bind(pattern, context).cast(to: .string), at: pattern.location) else {
            return .literal(.null, .boolean)
        }
        var escapeCharacter: Character? = nil
        if let escape, case .string(let e) = try constant(bind(escape, context), at: escape.location) {
            escapeCharacter = e.first
        }
        if op == .glob {
            throw PlannerError(.notSupported, "GLOB is not supported (at \(pattern.location))")
        }
        return .like(subject, pattern: text, escape: escapeCharacter, caseInsensitive: op == .ilike, negated: negated)
    }

    private func bindCase(
        _ operand: Expression?, _ branches: [CaseBranch], _ otherwise: Expression?, _ context: ExpressionContext
    ) throws -> PhysicalExpression {
        let subject = try operand.map { try bind($0, context) }
        let arms = try branches.map { branch in
            let condition = try bind(branch.condition, context)
            let test = try subject.map { try PhysicalExpression.compare(.equal, $0, condition) } ?? condition.cast(to: .boolean)
            return WhenClause(test, try bind(branch.result, context))
        }
        return try .caseWhen(arms, otherwise: otherwise.map { try bind($0, context) } ?? .literal(.null, .null))
    }

    func bindCast(_ value: PhysicalExpression, to type: SQLType, isTry: Bool, at location: SourceLocation) throws
        -> PhysicalExpression
    {
        var target = try castType(type)
        if options.sqliteCompatibility, target.isInteger { target = .int64 }
        if value.type == target { return value }
        return .cast(value, to: target, isTry: isTry)
    }

    /// Type names SQLite accepts beyond the standard ones.
    func castType(_ type: SQLType) throws -> DataType {
        if case .named(let name, _) = type {
            switch name {
            case "SIGNED", "UNSIGNED", "MEDIUMINT", "INT8": return .int64
            case "NVARCHAR", "NCHAR", "CLOB": return .string
            default: break
            }
        }
        if case .real = type, options.sqliteCompatibility { return .float64 }
        return try type.dataType()
    }

    /// The value of a constant expression, evaluated now.
    func constant(_ e: PhysicalExpression, at location: SourceLocation) throws -> Value {
        guard e.columnsReferenced.isEmpty, !e.hasPlaceholder else {
            throw PlannerError(.binder, "expected a constant expression (at \(location))")
        }
        return try ConstantFolding.evaluate(e)
    }
}

extension PhysicalExpression {
    /// Integer literals are BIGINT under SQLite compatibility (also the negative ones).
    fileprivate func withSQLiteWidth(_ options: BinderOptions) -> PhysicalExpression {
        if case .literal(let v, .int32) = self, options.sqliteCompatibility { return .literal(v, .int64) }
        return self
    }
}
