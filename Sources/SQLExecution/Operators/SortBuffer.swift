import Columnar

/// One ORDER BY term.
public struct SortKey: Sendable, Hashable {
    public var expression: PhysicalExpression
    public var order: SortOrder

    public init(_ expression: PhysicalExpression, _ order: SortOrder = .ascending) {
        self.expression = expression
        self.order = order
    }
}

/// Rows materialized for sorting: the input columns concatenated, and each row's normalized sort key
/// (`KeyEncoder`) in one arena. Sorting permutes row numbers by `memcmp` of keys with the row number as the
/// tie-break, which makes it stable. Both halves are flat buffers, the shape a spilling sort writes as runs.
struct SortBuffer {
    let schema: Schema
    let keys: [ExpressionExecutor]
    let encoder: KeyEncoder
    private(set) var columns: [Vector]
    private(set) var keyArena = ContiguousArray<UInt8>()
    private(set) var keyOffsets: ContiguousArray<Int> = [0]

    init(schema: Schema, keys: [SortKey]) throws {
        self.schema = schema
        self.keys = try keys.map { try ExpressionExecutor($0.expression) }
        encoder = KeyEncoder(keys.map(\.order))
        columns = schema.fields.map { Vector.empty($0.type) }
    }

    var count: Int { keyOffsets.count - 1 }

    mutating func append(_ input: Batch) throws {
        let batch = input.compacted()
        if batch.count == 0 { return }
        let keyColumns = try keys.map { try $0.evaluate(batch) }
        let encoded = encoder.encode(keyColumns, rows: ContiguousArray<Int32>.rows(0..<batch.count))
        appendKeys(encoded)
        for c in columns.indices { try columns[c].append(contentsOf: batch.columns[c]) }
    }

    private mutating func appendKeys(_ encoded: EncodedKeys) {
        let base = keyArena.count
        keyArena.append(contentsOf: encoded.bytes)
        for i in 1...encoded.count { keyOffsets.append(base + Int(encoded.offsets[i])) }
    }

    /// Row numbers in sort order.
    func sortedRows() -> ContiguousArray<Int32> {
        var rows = ContiguousArray<Int32>.rows(0..<count)
        keyArena.withUnsafeBytes { raw in
            keyOffsets.withUnsafeBufferPointer { offsets in
                rows.sort { a, b in
                    let ka = UnsafeRawBufferPointer(rebasing: raw[offsets[Int(a)]..<offsets[Int(a) + 1]])
                    let kb = UnsafeRawBufferPointer(rebasing: raw[offsets[Int(b)]..<offsets[Int(b) + 1]])
                    let c = compareKeys(ka, kb)
                    return c != 0 ? c < 0 : a < b
                }
            }
        }
        return rows
    }

    /// Keeps only `rows` (in that order).
    mutating func retain(_ rows: ContiguousArray<Int32>) {
        columns = columns.map { $0.gather(rows) }
        var arena = ContiguousArray<UInt8>()
        var offsets: ContiguousArray<Int> = [0]
        for r in rows {
            arena.append(contentsOf: keyArena[keyOffsets[Int(r)]..<keyOffsets[Int(r) + 1]])
            offsets.append(arena.count)
        }
        keyArena = arena
        keyOffsets = offsets
    }

    /// Batches of the rows `rows` in order, `Batch.capacity` at a time.
    func batches(_ rows: ContiguousArray<Int32>) -> [Batch] {
        stride(from: 0, to: rows.count, by: Batch.capacity).map { start in
            let chunk = ContiguousArray(rows[start..<min(rows.count, start + Batch.capacity)])
            return Batch(schema: schema, columns: columns.map { $0.gather(chunk) }, count: chunk.count)
        }
    }
}

/// ORDER BY: multi-key, ASC/DESC, NULLS FIRST/LAST, stable. When its reservation of the statement's shared
/// `MemoryBudget` cannot grow, the buffer is written out as sorted runs that are merged at the end (`SortRuns`).
public final class PhysicalOrder: PhysicalOperator {
    private let child: PhysicalOperator
    private let keys: [SortKey]
    private var buffer: SortBuffer
    private var output: [Batch]? = nil
    private var position = 0
    private let runs: SortRuns?
    private var merge: SortMerge?

    public init(_ child: PhysicalOperator, keys: [SortKey], budget: MemoryBudget? = MemoryBudget.current) throws {
        self.child = child
        self.keys = keys
        buffer = try SortBuffer(schema: child.schema, keys: keys)
        runs = budget.map { SortRuns(budget: $0, schema: child.schema) }
        super.init(name: "ORDER_BY", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        if let merge {
            guard let batch = try merge.next() else {
                runs?.release()
                return nil
            }
            return batch
        }
        if output == nil {
            while let batch = try child.next() {
                try buffer.append(batch)
                if let runs, runs.isFull(buffer) { try spillRun(runs) }
            }
            if let runs, !runs.isEmpty {
                if buffer.count > 0 { try spillRun(runs) }
                merge = try runs.merge()
                return try merge?.next()
            }
            output = buffer.batches(buffer.sortedRows())
        }
        guard let output, position < output.count else {
            runs?.release()
            return nil
        }
        position += 1
        return output[position - 1]
    }

    override public var detail: String { runs.map { $0.runCount > 0 ? "spilled runs=\($0.runCount)" : "" } ?? "" }

    private func spillRun(_ runs: SortRuns) throws {
        try runs.spill(buffer)
        buffer = try SortBuffer(schema: child.schema, keys: keys)
    }
}

/// ORDER BY ... LIMIT n (OFFSET m) without sorting everything: the buffer is cut back to the best
/// `limit + offset` rows whenever it grows past a few times that.
public final class PhysicalTopN: PhysicalOperator {
    private let child: PhysicalOperator
    private var buffer: SortBuffer
    private let limit: Int, offset: Int
    private var output: [Batch]? = nil
    private var position = 0

    public init(_ child: PhysicalOperator, keys: [SortKey], limit: Int, offset: Int = 0) throws {
        guard limit >= 0, offset >= 0 else {
            throw ExecutionError(.invalidInput, "LIMIT and OFFSET must not be negative (\(limit), \(offset))")
        }
        self.child = child
        self.limit = limit
        self.offset = offset
        buffer = try SortBuffer(schema: child.schema, keys: keys)
        super.init(name: "TOP_N", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        if output == nil {
            let keep = limit + offset
            let threshold = max(keep * 2, Batch.capacity * 2)
            while let batch = try child.next() {
                try buffer.append(batch)
                if buffer.count > threshold { buffer.retain(ContiguousArray(buffer.sortedRows().prefix(keep))) }
            }
            let sorted = buffer.sortedRows()
            let lo = min(offset, sorted.count), hi = min(keep, sorted.count)
            output = buffer.batches(ContiguousArray(sorted[lo..<hi]))
        }
        guard let output, position < output.count else { return nil }
        position += 1
        return output[position - 1]
    }

    override public var detail: String { "limit=\(limit) offset=\(offset)" }
}
