import Columnar

/// Building overload resolvers: a fixed parameter list, with the implicit casts the executor allows
/// (any integer to BIGINT, any number to DOUBLE, NULL to anything).
enum FunctionSignature {
    typealias Kernel = ([Vector], Batch) throws -> Vector

    static func accepts(_ actual: DataType, _ expected: DataType) -> Bool {
        if actual == expected || actual == .null { return true }
        switch expected {
        case .int64: return actual.isInteger
        case .float64: return actual.isNumeric
        case .timestamp: return actual.isTemporal && actual != .time(.microsecond)
        default: return false
        }
    }

    /// Matches exactly `parameters` (after implicit casts); `make` builds a fresh kernel per call site.
    static func fixed(
        _ name: String, _ parameters: [DataType], _ returns: DataType, _ make: @escaping @Sendable () -> Kernel
    ) -> ScalarFunctionRegistry.Resolver {
        { types in
            guard types.count == parameters.count, zip(types, parameters).allSatisfy({ accepts($0, $1) }) else {
                return nil
            }
            return ScalarFunction(name, parameters, returns, make())
        }
    }

    /// The first of several resolvers that matches.
    static func overloads(_ options: [ScalarFunctionRegistry.Resolver]) -> ScalarFunctionRegistry.Resolver {
        { types in
            for option in options { if let f = try option(types) { return f } }
            return nil
        }
    }
}
