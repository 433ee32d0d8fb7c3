import Columnar

/// Scans a `BatchSource`.
public final class PhysicalTableScan: PhysicalOperator {
    private var source: any BatchSource
    private let label: String

    public init(_ source: any BatchSource, label: String = "") {
        self.source = source
        self.label = label
        super.init(name: "TABLE_SCAN", schema: source.schema, children: [])
    }

    override func produce() throws -> Batch? { try source.next() }
    override public var detail: String { label }
}
