import Columnar
import SQLPlanner

/// A procedure's parameters in Hudi's order, and the call's arguments bound to them: positional ones in order,
/// named ones by name. Unknown names, repeats and missing required parameters are Binder Errors.
struct ProcedureArguments {
    struct Parameter {
        var name: String
        var required: Bool
    }

    let procedure: String
    private var values: [String: Value] = [:]

    init(_ procedure: String, _ parameters: [Parameter], _ arguments: TableFunctionArguments) throws {
        self.procedure = procedure
        guard arguments.positional.count <= parameters.count else {
            throw PlannerError(.binder, "\(procedure) takes at most \(parameters.count) arguments, got \(arguments.positional.count)")
        }
        for (parameter, value) in zip(parameters, arguments.positional) { values[parameter.name] = value }
        for (name, value) in arguments.named {
            guard parameters.contains(where: { $0.name == name }) else {
                let known = parameters.map(\.name).joined(separator: ", ")
                throw PlannerError(.binder, "\(procedure) has no parameter \(name) (parameters: \(known))")
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw PlannerError(.binder, "\(procedure): parameter \(name) given twice")
            }
        }
        for parameter in parameters where parameter.required && values[parameter.name] == nil {
            throw PlannerError(.binder, "\(procedure): missing required parameter \(parameter.name)")
        }
    }

    func string(_ name: String) throws -> String? {
        guard let value = values[name], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw PlannerError(.binder, "\(procedure): parameter \(name) must be a string, got \(value)")
        }
        return text
    }

    func requiredString(_ name: String) throws -> String {
        guard let text = try string(name) else { throw PlannerError(.binder, "\(procedure): missing required parameter \(name)") }
        return text
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let value = values[name], value != .null else { return fallback }
        guard case .int(let n) = value, n >= 0, n <= Int64(Int32.max) else {
            throw PlannerError(.binder, "\(procedure): parameter \(name) must be a non-negative integer, got \(value)")
        }
        return Int(n)
    }
}

extension ProcedureArguments.Parameter {
    static func required(_ name: String) -> Self { Self(name: name, required: true) }
    static func optional(_ name: String) -> Self { Self(name: name, required: false) }
}
