import Columnar

/// One incoming row: its batch and physical row.
struct RecordRef: Hashable, Sendable {
    var batch: Int32
    var row: Int32
}

/// The rows of one write, with their record keys and partition paths, grouped by partition and (unless the
/// operation is a bulk insert) deduplicated: of rows sharing a key in a partition the one with the greater
/// precombine value stays, the later one on a tie or without a precombine field.
struct HoodieIncomingRecords: Sendable {
    private(set) var batches: [Batch] = []
    private(set) var keys: [[String]] = []
    private(set) var partitionPaths: [[String]] = []
    /// The precombine column's index in the batches, when the table has one.
    let precombineColumn: Int?
    /// Partition path → rows, in arrival order (a replaced duplicate keeps its first position).
    private(set) var byPartition: [String: [RecordRef]] = [:]
    private(set) var count = 0
    /// Rows the delete marker marks (an upsert's deletes); they locate and win like updates, and are never written.
    private(set) var deletes: Set<RecordRef> = []

    /// `schema` is the write's data schema (the table's, or the evolved one of `HoodieWriterSchema`); with
    /// `keysOnly` (deletes) batches need only the key and partition columns. With `deleteMarker`, batches carry
    /// that boolean column besides `schema`'s.
    init(next: () throws -> Batch?, schema: Schema, keyGenerator: HoodieKeyGenerator, precombineField: String?,
         deduplicate: Bool, keysOnly: Bool, deleteMarker: String? = nil) throws {
        precombineColumn = keysOnly ? nil : precombineField.flatMap { schema.index(of: $0) }
        var positions: [String: Int] = [:]
        while let incoming = try next() {
            let (batch, marker) = try HoodieDeleteMarker.split(incoming, field: deleteMarker)
            if !keysOnly { try HoodieIncomingRecords.check(batch.schema, against: schema) }
            guard batch.rowCount > 0 else { continue }
            guard batches.count < Int32.max, batch.count <= Int32.max else {
                throw TableFormatError(.invalidArgument, "a write takes at most \(Int32.max) batches of at most \(Int32.max) rows")
            }
            let b = Int32(batches.count)
            let batchKeys = try keyGenerator.recordKeys(batch)
            let batchPaths = try keyGenerator.partitionPaths(batch)
            batches.append(batch)
            keys.append(batchKeys)
            partitionPaths.append(batchPaths)
            for i in 0..<batch.rowCount {
                let ref = RecordRef(batch: b, row: Int32(batch.physicalRow(i)))
                let path = batchPaths[Int(ref.row)]
                if let marker, HoodieDeleteMarker.isDeleted(marker, row: Int(ref.row)) { deletes.insert(ref) }
                guard deduplicate else {
                    byPartition[path, default: []].append(ref)
                    count += 1
                    continue
                }
                let identity = path + "\u{1}" + batchKeys[Int(ref.row)]
                if let position = positions[identity] {
                    let seen = byPartition[path]![position]
                    if PrecombineOrder.compare(precombineValue(ref), precombineValue(seen)) >= 0 { byPartition[path]![position] = ref }
                } else {
                    positions[identity] = byPartition[path, default: []].count
                    byPartition[path, default: []].append(ref)
                    count += 1
                }
            }
        }
    }

    func key(_ ref: RecordRef) -> String { keys[Int(ref.batch)][Int(ref.row)] }

    /// The precombine value of a row; null without a precombine field (so every comparison ties).
    func precombineValue(_ ref: RecordRef) -> Value {
        guard let precombineColumn else { return .null }
        return batches[Int(ref.batch)].columns[precombineColumn].value(at: Int(ref.row))
    }

    /// Incoming columns must be the table's, by name and type, in order.
    static func check(_ incoming: Schema, against table: Schema) throws {
        let expected = table.fields.map { "\($0.name) \($0.type)" }
        let actual = incoming.fields.map { "\($0.name) \($0.type)" }
        guard expected == actual else {
            let first = zip(expected, actual).first { $0 != $1 }.map { "'\($0.1)' where the table has '\($0.0)'" }
                ?? "\(actual.count) columns where the table has \(expected.count)"
            throw TableFormatError(.schemaMismatch, "incoming batch does not have the table's columns: \(first)")
        }
    }
}

/// The order of precombine values: null first, then by value within a kind.
enum PrecombineOrder {
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.uint(let x), .uint(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.float(let x), .float(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.decimal(let x), .decimal(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y) ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default: return 0
        }
    }
}
