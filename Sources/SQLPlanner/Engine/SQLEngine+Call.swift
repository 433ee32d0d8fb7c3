import SQLSyntax

/// `CALL procedure(args)`: arguments bound to constants, then handed to the `ProcedureProvider`.
extension SQLEngine {
    func call(_ call: FunctionCall, at location: SourceLocation) throws -> QueryResult {
        let name = call.lowercasedName
        let arguments = try binder().constantArguments(call.arguments, clause: "CALL")
        guard let result = try procedures?.call(procedure: name, arguments: arguments) else {
            throw PlannerError(.catalog, "Procedure with name \(name) does not exist! (at \(location))")
        }
        return result
    }
}
