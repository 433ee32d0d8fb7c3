import Columnar

/// A scalar function resolved for concrete argument types: the types its kernel expects (the caller casts
/// to them), its result type, and the kernel over argument vectors.
public struct ScalarFunction {
    public let name: String
    public let argumentTypes: [DataType]
    public let returnType: DataType
    let kernel: ([Vector], Batch) throws -> Vector

    init(
        _ name: String, _ argumentTypes: [DataType], _ returnType: DataType,
        _ kernel: @escaping ([Vector], Batch) throws -> Vector
    ) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.returnType = returnType
        self.kernel = kernel
    }
}

/// Scalar functions by lower-case name. Each entry is an overload resolver: given argument types it returns
/// the function (with a fresh kernel, so per-call state such as a compiled regex is never shared) or nil.
public final class ScalarFunctionRegistry: Sendable {
    public typealias Resolver = @Sendable ([DataType]) throws -> ScalarFunction?

    private let resolvers: [String: Resolver]

    public init(_ resolvers: [String: Resolver]) { self.resolvers = resolvers }

    /// The built-in string, math, date and list functions.
    public static let standard = ScalarFunctionRegistry(
        StringFunctions.all.merging(MathFunctions.all) { a, _ in a }.merging(DateFunctions.all) { a, _ in a }
            .merging(NestedFunctions.all) { a, _ in a }.merging(DateDiffFunctions.all) { a, _ in a })

    public var names: [String] { resolvers.keys.sorted() }

    /// The function `name` applied to `types`; throws a Binder Error naming the call when nothing matches.
    public func resolve(_ name: String, _ types: [DataType]) throws -> ScalarFunction {
        let key = name.lowercased()
        guard let resolver = resolvers[key] else {
            throw ExecutionError.mismatch("Scalar Function with name \(key) does not exist!")
        }
        guard let function = try resolver(types) else {
            let signature = types.map(\.sqlName).joined(separator: ", ")
            throw ExecutionError.mismatch(
                "No function matches the given name and argument types '\(key)(\(signature))'. Add explicit type casts")
        }
        return function
    }
}

extension PhysicalExpression {
    /// A call to `name`, with its arguments cast to the types the resolved overload expects.
    public static func call(
        _ name: String, _ arguments: [PhysicalExpression], functions: ScalarFunctionRegistry = .standard
    ) throws -> PhysicalExpression {
        let function = try functions.resolve(name, arguments.map(\.type))
        let cast = zip(arguments, function.argumentTypes).map { $0.cast(to: $1) }
        return .function(name.lowercased(), cast, function.returnType)
    }
}

final class FunctionNode: ExpressionNode {
    let function: ScalarFunction
    let arguments: [ExpressionNode]
    var type: DataType { function.returnType }

    init(function: ScalarFunction, arguments: [ExpressionNode]) {
        self.function = function
        self.arguments = arguments
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let args = try zip(arguments, function.argumentTypes).map { node, expected in
            let v = try node.evaluate(batch)
            return v.type == expected ? v : try CastKernel(from: v.type, to: expected, isTry: false).cast(v, in: batch)
        }
        return try function.kernel(args, batch)
    }
}

/// Row-at-a-time helpers the function kernels share: NULL in any argument gives NULL, unselected rows stay
/// empty, and arguments are read without boxing.
enum FunctionKernel {
    /// A VARCHAR result; `body` appends the value of row `i` (or returns false for NULL).
    static func strings(
        _ args: [Vector], _ batch: Batch, _ body: (Int, inout ByteVectorBuilder) throws -> Bool
    ) throws -> Vector {
        var builder = ByteVectorBuilder(.string, capacity: batch.count)
        var next = 0
        try batch.forEachRow { i in
            while next < i { builder.appendEmpty(); next += 1 }
            next = i + 1
            if args.contains(where: { $0.isNull(i) }) { builder.appendNull(); return }
            if try !body(i, &builder) { builder.appendNull() }
        }
        while next < batch.count { builder.appendEmpty(); next += 1 }
        return builder.finish()
    }

    /// A fixed-width result of `type`; `body` returns the value of row `i`, or nil for NULL.
    static func fixed<T: BitwiseCopyable>(
        _ type: DataType, _: T.Type, _ args: [Vector], _ batch: Batch, _ body: (Int) throws -> T?
    ) throws -> Vector {
        var validity = Validity(allValid: batch.count)
        for a in args { validity = Validity.intersect(validity, a.validity) ?? validity }
        let out = try Vector.makeFixed(type, count: batch.count, validity: nil, as: T.self) { out in
            try batch.forEachRow { i in
                if !validity.isValid(i) { return }
                if let v = try body(i) { out[i] = v } else { validity.set(i, valid: false) }
            }
        }
        return finish(out, validity)
    }
}

/// Typed row readers over argument vectors (already cast to the overload's types).
extension Vector {
    @inline(__always) func int64(_ i: Int) -> Int64 { buffer.load(i, as: Int64.self) }
    @inline(__always) func int32(_ i: Int) -> Int32 { buffer.load(i, as: Int32.self) }
    @inline(__always) func double(_ i: Int) -> Double { buffer.load(i, as: Double.self) }
    @inline(__always) func boolean(_ i: Int) -> Bool { buffer.load(i, as: UInt8.self) != 0 }

    /// String row `i` without copying.
    @inline(__always) func withRow<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeBytes { raw in
            let start = Int(offsets[i]), end = Int(offsets[i + 1])
            return try body(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
        }
    }

    func string(_ i: Int) -> String { withRow(i) { String(decoding: $0, as: UTF8.self) } }
}
