import Columnar

/// WHERE: narrows each batch's selection; no rows are copied.
public final class PhysicalFilter: PhysicalOperator {
    private let child: PhysicalOperator
    private let predicate: ExpressionExecutor

    public init(_ child: PhysicalOperator, predicate: PhysicalExpression) throws {
        self.child = child
        self.predicate = try ExpressionExecutor(predicate)
        guard predicate.type == .boolean || predicate.type == .null else {
            throw ExecutionError.mismatch("WHERE clause must be a BOOLEAN, got \(predicate.type.sqlName)")
        }
        super.init(name: "FILTER", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        guard var batch = try child.next() else { return nil }
        batch = ExpressionExecutor.prepared(batch)
        batch.selection = try predicate.select(batch)
        return batch
    }
}
