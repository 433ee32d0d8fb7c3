import Columnar

/// Scans a `BatchSource`. `metrics` holds what the source's files reported (files, row groups and bytes read
/// and skipped); nil for sources that are not files.
public final class PhysicalTableScan: PhysicalOperator {
    private var source: any BatchSource
    private let label: String
    public let metrics: ScanMetrics?

    public init(_ source: any BatchSource, label: String = "", metrics: ScanMetrics? = nil) {
        self.source = source
        self.label = label
        self.metrics = metrics
        super.init(name: "TABLE_SCAN", schema: source.schema, children: [])
    }

    override func produce() throws -> Batch? { try source.next() }
    override public var detail: String { label }
    override public var analyzeDetail: String { metrics?.total?.summary ?? "" }
}
