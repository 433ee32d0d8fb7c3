import Columnar

/// Functions over lists and maps: the element count (`cardinality`, Spark's `size`, `array_length`,
/// `array_size`). The constructors and element access are expressions (`PhysicalExpression.pack`,
/// `listElement`, `mapElement`), bound by the planner.
enum NestedFunctions {
    typealias Resolver = ScalarFunctionRegistry.Resolver

    static let all: [String: Resolver] = Dictionary(uniqueKeysWithValues: ["cardinality", "size", "array_length", "array_size"].map {
        ($0, countResolver($0))
    })

    /// Lists and maps only; the count of a NULL is NULL.
    static func countResolver(_ name: String) -> Resolver {
        { types in
            guard types.count == 1 else { return nil }
            switch types[0] {
            case .list, .map:
                return ScalarFunction(name, types, .int64) { args, batch in
                    let offsets = args[0].offsets
                    return Vector.makeFixed(.int64, count: batch.count, validity: args[0].validity, as: Int64.self) { out in
                        batch.forEachRow { i in out[i] = Int64(offsets[i + 1] &- offsets[i]) }
                    }
                }
            default: return nil
            }
        }
    }
}
