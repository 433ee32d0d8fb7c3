import Columnar

/// What `PhysicalExpression.pack` builds: a struct of named fields, a list of its arguments (of one type), or a
/// map of alternating keys and values. The binder casts the arguments to the element types first.
public enum NestedPack: Sendable, Hashable {
    case structure([Field])
    case list(Field)
    case map(key: Field, value: Field)

    public var type: DataType {
        switch self {
        case .structure(let fields): .structure(fields)
        case .list(let element): .list(element)
        case .map(let key, let value): .map(key: key, value: value)
        }
    }

    /// The SQL spelling EXPLAIN shows.
    public var name: String {
        switch self {
        case .structure: "struct_pack"
        case .list: "list_value"
        case .map: "map"
        }
    }
}

/// Evaluates a `NestedPack`: struct fields are the argument vectors as they are; a list or map row holds the
/// arguments' values of that row, interleaved by one gather over their concatenation.
final class NestedPackNode: ExpressionNode {
    let pack: NestedPack
    let arguments: [ExpressionNode]
    var type: DataType { pack.type }

    init(pack: NestedPack, arguments: [ExpressionNode]) throws {
        if case .map = pack, arguments.count % 2 != 0 {
            throw ExecutionError.mismatch("map() takes keys and values in pairs, got \(arguments.count) arguments")
        }
        self.pack = pack
        self.arguments = arguments
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let values = try arguments.map { try $0.evaluate(batch) }
        let n = batch.count
        switch pack {
        case .structure:
            return Vector(type: type, count: n, children: values)
        case .list(let element):
            let child = try Self.interleave(values, type: element.type, rows: n)
            return Vector(type: type, count: n, offsets: Self.offsets(width: values.count, rows: n), children: [child])
        case .map(let key, let value):
            let keys = stride(from: 0, to: values.count, by: 2).map { values[$0] }
            let items = stride(from: 1, to: values.count, by: 2).map { values[$0] }
            if keys.contains(where: { $0.nullCount > 0 }) { throw ExecutionError(.invalidInput, "map keys must not be NULL") }
            return Vector(type: type, count: n, offsets: Self.offsets(width: keys.count, rows: n),
                          children: [try Self.interleave(keys, type: key.type, rows: n),
                                     try Self.interleave(items, type: value.type, rows: n)])
        }
    }

    /// Row r's elements are `vectors[0][r], vectors[1][r], ...`.
    static func interleave(_ vectors: [Vector], type: DataType, rows n: Int) throws -> Vector {
        var all = Vector.empty(type)
        for v in vectors { try all.append(contentsOf: v) }
        let width = vectors.count
        var order = ContiguousArray<Int32>()
        order.reserveCapacity(n * width)
        for r in 0..<n {
            for k in 0..<width { order.append(Int32(k * n + r)) }
        }
        return all.gather(order)
    }

    static func offsets(width: Int, rows n: Int) -> ContiguousArray<Int32> {
        ContiguousArray((0...n).map { Int32($0 * width) })
    }
}
