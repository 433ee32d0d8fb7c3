import Columnar

/// UNION ALL: the children's batches one after another (schemas must have equal types).
public final class PhysicalUnion: PhysicalOperator {
    private var current = 0

    public init(_ inputs: [PhysicalOperator]) throws {
        guard let first = inputs.first else { throw ExecutionError.mismatch("UNION needs at least one input") }
        for input in inputs where input.schema.fields.map(\.type) != first.schema.fields.map(\.type) {
            throw ExecutionError.mismatch("UNION inputs must have the same column types; cast them when binding")
        }
        super.init(name: "UNION", schema: first.schema, children: inputs)
    }

    override func produce() throws -> Batch? {
        while current < children.count {
            if var batch = try children[current].next() {
                batch.schema = schema
                return batch
            }
            current += 1
        }
        return nil
    }
}

/// DISTINCT over all columns: the first occurrence of each row (NULLs equal) passes, as a selection.
public final class PhysicalDistinct: PhysicalOperator {
    private let child: PhysicalOperator
    private var seen = KeyTable()

    public init(_ child: PhysicalOperator) {
        self.child = child
        super.init(name: "DISTINCT", schema: child.schema, children: [child])
    }

    override func produce() throws -> Batch? {
        guard var batch = try child.next() else { return nil }
        batch = ExpressionExecutor.prepared(batch)
        let live = batch.liveRows
        let encoded = KeyEncoder(columns: batch.columns.count).encode(batch.columns, rows: live)
        var keep = ContiguousArray<UInt32>()
        for k in 0..<live.count where encoded.withKey(k, { seen.findOrInsert($0, hash: KeyHash.hash($0)).inserted }) {
            keep.append(UInt32(live[k]))
        }
        batch.selection = SelectionVector(keep)
        return batch
    }
}

/// INTERSECT and EXCEPT (set semantics: distinct rows, NULLs equal). The right input is read into a key set;
/// left rows pass when present (INTERSECT) or absent (EXCEPT), each distinct row once. With `all`, each
/// right row cancels one left duplicate (INTERSECT ALL / EXCEPT ALL).
public final class PhysicalSetOperation: PhysicalOperator {
    public enum Kind: String, Sendable { case intersect, except }

    private let left: PhysicalOperator, right: PhysicalOperator
    private let kind: Kind
    private let all: Bool
    private var rightKeys = KeyTable()
    private var rightCounts = ContiguousArray<Int>()
    private var emitted = KeyTable()
    private var emittedCounts = ContiguousArray<Int>()
    private var built = false

    public init(_ left: PhysicalOperator, _ right: PhysicalOperator, kind: Kind, all: Bool = false) throws {
        guard left.schema.fields.map(\.type) == right.schema.fields.map(\.type) else {
            throw ExecutionError.mismatch("\(kind.rawValue.uppercased()) inputs must have the same column types")
        }
        self.left = left
        self.right = right
        self.kind = kind
        self.all = all
        super.init(name: kind.rawValue.uppercased() + (all ? "_ALL" : ""), schema: left.schema, children: [left, right])
    }

    override func produce() throws -> Batch? {
        if !built {
            built = true
            while let batch = try right.next() {
                let live = batch.liveRows
                let encoded = KeyEncoder(columns: batch.columns.count).encode(batch.columns, rows: live)
                for k in 0..<live.count {
                    let (id, inserted) = encoded.withKey(k) { rightKeys.findOrInsert($0, hash: KeyHash.hash($0)) }
                    if inserted { rightCounts.append(0) }
                    rightCounts[Int(id)] += 1
                }
            }
        }
        guard var batch = try left.next() else { return nil }
        batch = ExpressionExecutor.prepared(batch)
        let live = batch.liveRows
        let encoded = KeyEncoder(columns: batch.columns.count).encode(batch.columns, rows: live)
        var keep = ContiguousArray<UInt32>()
        for k in 0..<live.count where encoded.withKey(k, { passes($0) }) { keep.append(UInt32(live[k])) }
        batch.schema = schema
        batch.selection = SelectionVector(keep)
        return batch
    }

    /// Whether this occurrence of a left row is output.
    private func passes(_ key: UnsafeRawBufferPointer) -> Bool {
        let hash = KeyHash.hash(key)
        let inRight = rightKeys.find(key, hash: hash).map { rightCounts[Int($0)] } ?? 0
        let (id, inserted) = emitted.findOrInsert(key, hash: hash)
        if inserted { emittedCounts.append(0) }
        let seenBefore = emittedCounts[Int(id)]
        emittedCounts[Int(id)] += 1
        switch (kind, all) {
        case (.intersect, false): return inRight > 0 && seenBefore == 0
        case (.except, false): return inRight == 0 && seenBefore == 0
        case (.intersect, true): return seenBefore < inRight
        case (.except, true): return seenBefore >= inRight
        }
    }
}
