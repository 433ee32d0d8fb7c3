import Columnar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Math functions: abs, round, floor, ceil/ceiling, sqrt, power/pow, ln, exp, mod. Integer arguments keep
/// their type where SQL does (abs, mod, round without digits); the rest compute in DOUBLE.
enum MathFunctions {
    typealias Resolver = ScalarFunctionRegistry.Resolver
    static let d = DataType.float64

    static let all: [String: Resolver] = [
        "abs": absResolver,
        "round": FunctionSignature.overloads([
            keepInteger("round"),
            FunctionSignature.fixed("round", [d], d) { unary { $0.rounded(.toNearestOrAwayFromZero) } },
            FunctionSignature.fixed("round", [d, .int64], d) { roundDigits },
        ]),
        "floor": FunctionSignature.overloads([
            keepInteger("floor"), FunctionSignature.fixed("floor", [d], d) { unary { $0.rounded(.down) } },
        ]),
        "ceil": FunctionSignature.overloads([
            keepInteger("ceil"), FunctionSignature.fixed("ceil", [d], d) { unary { $0.rounded(.up) } },
        ]),
        "ceiling": FunctionSignature.overloads([
            keepInteger("ceiling"), FunctionSignature.fixed("ceiling", [d], d) { unary { $0.rounded(.up) } },
        ]),
        "sqrt": FunctionSignature.fixed("sqrt", [d], d) {
            checkedUnary("square root of a negative number", { $0 < 0 }) { $0.squareRoot() }
        },
        "ln": FunctionSignature.fixed("ln", [d], d) {
            checkedUnary("logarithm of zero or a negative number", { $0 <= 0 }) { log($0) }
        },
        "exp": FunctionSignature.fixed("exp", [d], d) { unary { exp($0) } },
        "power": FunctionSignature.fixed("power", [d, d], d) { binary { pow($0, $1) } },
        "pow": FunctionSignature.fixed("pow", [d, d], d) { binary { pow($0, $1) } },
        "mod": modResolver,
    ]

    static func unary(_ f: @escaping (Double) -> Double) -> FunctionSignature.Kernel {
        { args, batch in
            args[0].withValues(as: Double.self) { x in
                Vector.makeFixed(.float64, count: batch.count, validity: args[0].validity, as: Double.self) { out in
                    batch.forEachRow { i in out[i] = f(x[i]) }
                }
            }
        }
    }

    static func checkedUnary(_ what: String, _ invalid: @escaping (Double) -> Bool, _ f: @escaping (Double) -> Double)
        -> FunctionSignature.Kernel
    {
        { args, batch in
            try FunctionKernel.fixed(.float64, Double.self, args, batch) { i in
                let x = args[0].double(i)
                if invalid(x) { throw ExecutionError(.outOfRange, "cannot take \(what) (\(x))") }
                return f(x)
            }
        }
    }

    static func binary(_ f: @escaping (Double, Double) -> Double) -> FunctionSignature.Kernel {
        { args, batch in try FunctionKernel.fixed(.float64, Double.self, args, batch) { i in f(args[0].double(i), args[1].double(i)) } }
    }

    static func roundDigits(_ args: [Vector], _ batch: Batch) throws -> Vector {
        try FunctionKernel.fixed(.float64, Double.self, args, batch) { i in
            let x = args[0].double(i), digits = Int(max(-30, min(30, args[1].int64(i))))
            let scale = pow(10.0, Double(digits))
            let r = (x * scale).rounded(.toNearestOrAwayFromZero) / scale
            return r.isFinite ? r : x
        }
    }

    /// round/floor/ceil of an integer is the integer itself.
    static func keepInteger(_ name: String) -> Resolver {
        { types in
            guard types.count == 1, types[0].isInteger else { return nil }
            return ScalarFunction(name, types, types[0]) { args, _ in args[0] }
        }
    }

    /// abs keeps integer and decimal types, checking the one value with no positive counterpart.
    static let absResolver: Resolver = { types in
        guard types.count == 1, types[0].isNumeric else { return nil }
        let t = types[0] == .float16 || types[0] == .float32 ? DataType.float64 : types[0]
        return ScalarFunction("abs", [t], t) { args, batch in try visitFixed(t, Abs(v: args[0], batch: batch)) }
    }

    private struct Abs: FixedWidthVisitor {
        let v: Vector, batch: Batch
        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) throws -> Vector {
            try v.withValues(as: T.self) { x in
                try Vector.makeFixed(v.type, count: batch.count, validity: v.validity, as: T.self) { out in
                    try batch.forEachRow { i in
                        if x[i] == T.min && T.isSigned && !v.isNull(i) {
                            throw ExecutionError(.outOfRange, "Overflow on abs(\(x[i]))")
                        }
                        out[i] = x[i] < 0 ? 0 &- x[i] : x[i]
                    }
                }
            }
        }
        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) throws -> Vector {
            v.withValues(as: T.self) { x in
                Vector.makeFixed(v.type, count: batch.count, validity: v.validity, as: T.self) { out in
                    batch.forEachRow { i in out[i] = x[i].magnitude }
                }
            }
        }
    }

    /// mod(a, b) is a % b with the arithmetic rules (checked, division by zero throws).
    static let modResolver: Resolver = { types in
        guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
        guard case .arithmetic(_, let l, let r, let type) = try PhysicalExpression.arithmetic(
            .modulo, .column(0, types[0]), .column(1, types[1]))
        else { return nil }
        return ScalarFunction("mod", [l.type, r.type], type) { args, batch in
            try ArithmeticKernels.evaluate(.modulo, args[0], args[1], result: type, in: batch)
        }
    }
}
