import Columnar

/// Anything that yields batches of one schema: the planner adapts Parquet and Hudi scans to this.
public protocol BatchSource {
    var schema: Schema { get }
    mutating func next() throws -> Batch?
}

/// A `BatchSource` from a closure.
public struct ClosureBatchSource: BatchSource {
    public let schema: Schema
    private let body: () throws -> Batch?
    public init(schema: Schema, _ body: @escaping () throws -> Batch?) {
        self.schema = schema
        self.body = body
    }
    public mutating func next() throws -> Batch? { try body() }
}
