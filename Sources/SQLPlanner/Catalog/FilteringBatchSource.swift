import Columnar
import SQLExecution

/// Adapts a source that yields some of a table's columns (`sourceColumns`, table indices) to a scan's
/// contract: rows where every filter (over table indices) is TRUE, columns `projection`. Providers whose
/// formats cannot evaluate filters themselves wrap their reader in it.
public struct FilteringBatchSource: BatchSource {
    public let schema: Schema
    private var source: any BatchSource
    private let predicate: ExpressionExecutor?
    private let outputs: [Int]

    public init(_ source: any BatchSource, sourceColumns: [Int], projection: [Int], filters: [PhysicalExpression])
        throws
    {
        var position: [Int: Int] = [:]
        for (i, c) in sourceColumns.enumerated() { position[c] = i }
        guard projection.allSatisfy({ position[$0] != nil }),
            filters.allSatisfy({ $0.columnsReferenced.allSatisfy { position[$0] != nil } })
        else {
            throw PlannerError(.binder, "a scan's filters and projection need columns its reader does not produce")
        }
        self.source = source
        let mapped = filters.map { $0.remappingColumns(position) }
        predicate = try PhysicalExpression.conjunction(mapped).map { try ExpressionExecutor($0) }
        outputs = projection.compactMap { position[$0] }
        schema = Schema(outputs.map { source.schema.fields[$0] })
    }

    /// The table columns a scan must read: the projection and every column a filter uses, ascending.
    public static func neededColumns(projection: [Int], filters: [PhysicalExpression]) -> [Int] {
        Array(Set(projection).union(filters.flatMap(\.columnsReferenced))).sorted()
    }

    public mutating func next() throws -> Batch? {
        while var batch = try source.next() {
            if let predicate {
                batch.selection = try predicate.select(batch)
                if batch.rowCount == 0 { continue }
            }
            return Batch(schema: schema, columns: outputs.map { batch.columns[$0] }, count: batch.count,
                         selection: batch.selection)
        }
        return nil
    }
}
