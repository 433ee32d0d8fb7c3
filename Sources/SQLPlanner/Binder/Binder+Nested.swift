import Columnar
import SQLExecution
import SQLSyntax

/// Structs, lists and maps: `s.field` (also `t.s.field`), `[a, b]`, `ROW(a, b)`, and Spark's and DuckDB's
/// constructors (`named_struct`, `struct`, `struct_pack`, `array`, `list_value`, `map`) and accessors
/// (`element_at`, `struct_extract`, `size`/`cardinality`).
extension Binder {
    /// A dotted name that is not a column: the longest prefix that is one, then struct fields.
    func bindFieldPath(_ parts: [Identifier], _ context: ExpressionContext) throws -> PhysicalExpression? {
        for split in stride(from: parts.count - 1, through: 1, by: -1) {
            guard var bound = try context.resolveColumn(Array(parts[..<split])), case .structure = bound.type else { continue }
            for name in parts[split...] { bound = try field(bound, name) }
            return bound
        }
        return nil
    }

    /// Field `name` of a struct value, matched as a column name is.
    func field(_ base: PhysicalExpression, _ name: Identifier) throws -> PhysicalExpression {
        guard case .structure(let fields) = base.type else {
            throw PlannerError(.binder, "Cannot extract field \"\(name.name)\" from a value of type \(base.type.sqlName) (at \(name.location))")
        }
        guard let index = fields.firstIndex(where: { Scope.matches(name, $0.name) }) else {
            let known = fields.map(\.name).joined(separator: ", ")
            throw PlannerError(.binder, "Could not find key \"\(name.name)\" in struct with fields \(known) (at \(name.location))")
        }
        return .structField(base, index)
    }

    /// `[a, b, ...]` and `array(...)`: a list of the arguments' common type.
    func listPack(_ args: [PhysicalExpression], at location: SourceLocation) throws -> PhysicalExpression {
        guard !args.isEmpty else { return .pack(.list(Field("element", .null)), []) }
        let unified = try binderError(at: location) { try PhysicalExpression.unified(args, "list_value") }
        return .pack(.list(Field("element", unified[0].type)), unified)
    }

    /// A struct of `names` and `args`.
    func structPack(_ names: [String], _ args: [PhysicalExpression], at location: SourceLocation) throws -> PhysicalExpression {
        var seen: Set<String> = []
        for name in names where !seen.insert(name.lowercased()).inserted {
            throw PlannerError(.binder, "duplicate struct field name \"\(name)\" (at \(location))")
        }
        return .pack(.structure(zip(names, args).map { Field($0, $1.type) }), args)
    }

    /// Spark's `map(k1, v1, k2, v2, ...)`: keys of one type, values of one type.
    func mapPack(_ args: [PhysicalExpression], at location: SourceLocation) throws -> PhysicalExpression {
        guard !args.isEmpty, args.count % 2 == 0 else {
            throw PlannerError(.binder, "map() takes keys and values in pairs, got \(args.count) arguments (at \(location))")
        }
        let keys = try binderError(at: location) { try PhysicalExpression.unified(stride(from: 0, to: args.count, by: 2).map { args[$0] }, "map keys") }
        let values = try binderError(at: location) { try PhysicalExpression.unified(stride(from: 1, to: args.count, by: 2).map { args[$0] }, "map values") }
        let pairs = zip(keys, values).flatMap { [$0, $1] }
        return .pack(.map(key: Field("key", keys[0].type, nullable: false), value: Field("value", values[0].type)), pairs)
    }

    /// The nested constructors and accessors by function name; nil for any other function.
    func bindNestedFunction(_ name: String, _ call: FunctionCall, _ args: [PhysicalExpression],
                            _ context: ExpressionContext, at location: SourceLocation) throws -> PhysicalExpression? {
        switch name {
        case "array", "list_value", "list_pack": return try listPack(args, at: location)
        case "map": return try mapPack(args, at: location)
        case "named_struct":
            guard args.count % 2 == 0 else {
                throw PlannerError(.binder, "named_struct() takes names and values in pairs, got \(args.count) arguments (at \(location))")
            }
            let names = try stride(from: 0, to: args.count, by: 2).map { try constantName(args[$0], name, at: location) }
            return try structPack(names, stride(from: 1, to: args.count, by: 2).map { args[$0] }, at: location)
        case "struct", "struct_pack", "row":
            // Named arguments name their fields (struct_pack(a => 1)); a column keeps its name; else colN, as Spark.
            let names = call.arguments.enumerated().map { i, argument in
                if let name = argument.name { return name.name }
                if case .column(let parts) = argument.value.kind, let last = parts.last { return last.name }
                return "col\(i + 1)"
            }
            return try structPack(names, args, at: location)
        case "struct_extract":
            guard args.count == 2 else { throw PlannerError(.binder, "struct_extract() takes 2 arguments, got \(args.count) (at \(location))") }
            return try field(args[0], Identifier(try constantName(args[1], name, at: location), location: location))
        case "element_at":
            guard args.count == 2 else { throw PlannerError(.binder, "element_at() takes 2 arguments, got \(args.count) (at \(location))") }
            return try element(args[0], args[1], at: location)
        default: return nil
        }
    }

    /// `list[i]` (1-based) or `map[key]`.
    func element(_ container: PhysicalExpression, _ index: PhysicalExpression, at location: SourceLocation) throws -> PhysicalExpression {
        switch container.type {
        case .map: return .mapElement(container, key: index)
        case .list: return .listElement(container, index: index.cast(to: .int64))
        default:
            throw PlannerError(.binder, "Cannot extract an element from a value of type \(container.type.sqlName) (at \(location))")
        }
    }

    private func constantName(_ e: PhysicalExpression, _ function: String, at location: SourceLocation) throws -> String {
        guard case .literal(.string(let text), _) = e else {
            throw PlannerError(.binder, "\(function)() field names must be string constants (at \(location))")
        }
        return text
    }

    private func binderError<T>(at location: SourceLocation, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExecutionError {
            throw PlannerError(.binder, "\(error.message.dropFirst("Binder Error: ".count)) (at \(location))")
        }
    }
}
