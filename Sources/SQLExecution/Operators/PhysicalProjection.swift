import Columnar

/// SELECT list: one expression per output column; the input's selection carries over.
public final class PhysicalProjection: PhysicalOperator {
    private let child: PhysicalOperator
    private let expressions: [ExpressionExecutor]

    public init(_ child: PhysicalOperator, _ expressions: [PhysicalExpression], names: [String]? = nil) throws {
        self.child = child
        self.expressions = try expressions.map { try ExpressionExecutor($0) }
        let fields = expressions.enumerated().map { i, e in Field(names?[i] ?? "#\(i)", e.type) }
        super.init(name: "PROJECTION", schema: Schema(fields), children: [child])
    }

    override func produce() throws -> Batch? {
        guard let input = try child.next() else { return nil }
        let batch = ExpressionExecutor.prepared(input)
        let columns = try expressions.map { try $0.evaluate(batch) }
        return Batch(schema: schema, columns: columns, count: batch.count, selection: batch.selection)
    }
}
