import Columnar

/// What a reader produced for one file: rows, top-level columns and nulls, and one summary per leaf.
struct FileSummary: Sendable {
    var rows = 0
    var columns: [String] = []
    var topLevelNulls: [String: Int] = [:]
    var leaves: [String: LeafSummary] = [:]
    /// Leaf names in schema order.
    var leafOrder: [String] = []
}

/// Splits batches into leaves the way expected.py's `collect_leaves` does, and feeds each leaf's slots to its
/// accumulator. Leaf names: struct field "parent.child", list element "parent[]", map "parent{key}" and
/// "parent{value}". A leaf's slots are those whose ancestors are all present: children of a null struct and
/// of a null list or map vanish; null elements of a present list stay, as null slots.
final class FileSummaryBuilder {
    private let schema: Schema
    private var accumulators: [String: LeafAccumulator] = [:]
    private var order: [String] = []
    private var rows = 0
    private var topLevelNulls: [String: Int] = [:]

    /// `int96Leaves`: leaves to summarize as raw INT96 (those the expected summary marks kind "int96").
    init(schema: Schema, int96Leaves: Set<String> = []) {
        self.schema = schema
        for field in schema.fields {
            topLevelNulls[field.name] = 0
            register(field.type, name: field.name, int96Leaves: int96Leaves)
        }
    }

    private func register(_ type: DataType, name: String, int96Leaves: Set<String>) {
        switch type {
        case .structure(let fields):
            for field in fields { register(field.type, name: name + "." + field.name, int96Leaves: int96Leaves) }
        case .list(let element):
            register(element.type, name: name + "[]", int96Leaves: int96Leaves)
        case .map(let key, let value):
            register(key.type, name: name + "{key}", int96Leaves: int96Leaves)
            register(value.type, name: name + "{value}", int96Leaves: int96Leaves)
        default:
            accumulators[name] = LeafAccumulator(name: name, type: type, asInt96: int96Leaves.contains(name))
            order.append(name)
        }
    }

    func add(_ batch: Batch) throws {
        guard batch.schema == schema else {
            throw MalformedVector(description: "batch schema \(batch.schema) differs from the file schema \(schema)")
        }
        let live = (0..<batch.rowCount).map { batch.physicalRow($0) }
        for (field, column) in zip(schema.fields, batch.columns) {
            guard column.count >= (live.last.map { $0 + 1 } ?? 0) else {
                throw MalformedVector(description: "column \(field.name) has \(column.count) rows in a batch of \(batch.count)")
            }
            topLevelNulls[field.name, default: 0] += live.reduce(0) { $0 + (column.isNull($1) ? 1 : 0) }
            try collect(column, rows: live, name: field.name)
        }
        rows += live.count
    }

    private func collect(_ vector: Vector, rows: [Int], name: String) throws {
        if let last = rows.max() {
            let words = vector.validity?.words.count ?? Int.max
            guard last < vector.count || vector.type == .null, words >= Validity.wordCount(last + 1) else {
                throw MalformedVector(description: "\(name): row \(last) is past \(vector.count) rows or \(words) validity words")
            }
        }
        switch vector.type {
        case .structure(let fields):
            guard vector.children.count == fields.count else {
                throw MalformedVector(description: "\(name): struct has \(vector.children.count) children for \(fields.count) fields")
            }
            let present = rows.filter { !vector.isNull($0) }
            for (field, child) in zip(fields, vector.children) {
                guard child.count >= vector.count else {
                    throw MalformedVector(description: "\(name).\(field.name): \(child.count) rows under a struct of \(vector.count)")
                }
                try collect(child, rows: present, name: name + "." + field.name)
            }
        case .list:
            let elements = try elementRows(vector, rows: rows, name: name, children: 1)
            try collect(vector.children[0], rows: elements, name: name + "[]")
        case .map:
            let entries = try elementRows(vector, rows: rows, name: name, children: 2)
            try collect(vector.children[0], rows: entries, name: name + "{key}")
            try collect(vector.children[1], rows: entries, name: name + "{value}")
        default:
            guard let accumulator = accumulators[name] else {
                throw MalformedVector(description: "leaf \(name) is not in the schema")
            }
            try accumulator.append(vector, rows: rows)
        }
    }

    /// The child rows of the present list or map rows, checked against the offsets and the child length.
    private func elementRows(_ vector: Vector, rows: [Int], name: String, children: Int) throws -> [Int] {
        guard vector.children.count == children, vector.offsets.count >= vector.count + 1 else {
            throw MalformedVector(description: "\(name): \(vector.children.count) children and \(vector.offsets.count) offsets for \(vector.count) rows")
        }
        let childCount = vector.children.map(\.count).min() ?? 0
        var elements: [Int] = []
        for row in rows where !vector.isNull(row) {
            let start = Int(vector.offsets[row]), end = Int(vector.offsets[row + 1])
            guard start >= 0, start <= end, end <= childCount else {
                throw MalformedVector(description: "\(name): row \(row) has elements \(start)..<\(end) of \(childCount)")
            }
            elements.append(contentsOf: start..<end)
        }
        return elements
    }

    func finish() -> FileSummary {
        var out = FileSummary(rows: rows, columns: schema.fields.map(\.name), topLevelNulls: topLevelNulls, leafOrder: order)
        for (name, accumulator) in accumulators { out.leaves[name] = accumulator.finish() }
        return out
    }
}
