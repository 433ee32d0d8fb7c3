/// Row indices into a batch's vectors, in order. Filters produce these instead of copying rows.
public struct SelectionVector: Sendable, Equatable {
    public var indices: ContiguousArray<UInt32>

    public init(_ indices: ContiguousArray<UInt32> = []) { self.indices = indices }

    /// Rows 0..<count.
    public init(identity count: Int) {
        indices = ContiguousArray((0..<count).lazy.map { UInt32($0) })
    }

    public var count: Int { indices.count }
}

/// A set of equally long vectors: the unit that flows between operators.
/// `count` is the physical row count; when `selection` is set, only the selected rows are live.
public struct Batch: Sendable {
    /// Rows per batch that producers aim for.
    public static let capacity = 2_048

    public var schema: Schema
    public var columns: [Vector]
    public var count: Int
    public var selection: SelectionVector?

    public init(schema: Schema, columns: [Vector], count: Int? = nil, selection: SelectionVector? = nil) {
        precondition(schema.fields.count == columns.count, "Batch needs one vector per field")
        self.schema = schema
        self.columns = columns
        self.count = count ?? columns.first?.count ?? 0
        self.selection = selection
    }

    /// Live rows: the selection's size, or every row.
    public var rowCount: Int { selection?.count ?? count }

    /// Physical index of live row `i`.
    @inlinable
    public func physicalRow(_ i: Int) -> Int {
        guard let selection else { return i }
        return Int(selection.indices[i])
    }

    /// Live rows boxed, row-major. For tests and printing.
    public var rows: [[Value]] {
        (0..<rowCount).map { i in
            let row = physicalRow(i)
            return columns.map { $0.value(at: row) }
        }
    }
}
