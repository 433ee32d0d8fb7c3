import Columnar

/// A k-way merge of sorted runs (`SortRuns`): one batch per run is resident; each output row is the
/// smallest current key, the lowest run index first among equals (stability).
final class SortMerge {
    private struct Cursor {
        let reader: SpillReader
        var batch: Batch
        var row = 0
    }

    private let schema: Schema
    private var cursors: [Cursor] = []

    init(_ readers: [SpillReader], schema: Schema) throws {
        self.schema = schema
        for reader in readers {
            if let batch = try reader.next() { cursors.append(Cursor(reader: reader, batch: batch)) }
        }
    }

    var cursorCount: Int { cursors.count }
    var residentBytes: Int { cursors.reduce(0) { $0 + $1.batch.columns.reduce(0) { $0 + $1.byteSize } } }

    /// The next `Batch.capacity` rows in order, or nil when every run is exhausted.
    func next() throws -> Batch? {
        var segments: [(columns: [Vector], rows: ContiguousArray<Int32>)] = []
        var last = -1
        var produced = 0
        while produced < Batch.capacity, let c = smallest() {
            if c != last || segments.isEmpty { segments.append((cursors[c].batch.columns, [])); last = c }
            segments[segments.count - 1].rows.append(Int32(cursors[c].row))
            produced += 1
            try advance(c)
            if c < cursors.count, cursors[c].row == 0 { last = -1 }  // a new batch: new segment
        }
        if produced == 0 { return nil }
        var columns = schema.fields.map { Vector.empty($0.type) }
        for segment in segments {
            for i in columns.indices { try columns[i].append(contentsOf: segment.columns[i].gather(segment.rows)) }
        }
        return Batch(schema: schema, columns: columns, count: produced)
    }

    private func advance(_ c: Int) throws {
        cursors[c].row += 1
        if cursors[c].row < cursors[c].batch.count { return }
        // An exhausted run keeps its last batch with `row == count`, so `smallest()` skips it.
        if let batch = try cursors[c].reader.next() {
            cursors[c].batch = batch
            cursors[c].row = 0
        }
    }

    /// The cursor with the smallest current key, or nil.
    private func smallest() -> Int? {
        var best: Int? = nil
        for c in cursors.indices where cursors[c].row < cursors[c].batch.count {
            guard let b = best else { best = c; continue }
            if key(c) { ka in key(b) { kb in compareKeys(ka, kb) < 0 } } { best = c }
        }
        return best
    }

    private func key<R>(_ c: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let vector = cursors[c].batch.columns[cursors[c].batch.columns.count - 1]
        let row = cursors[c].row
        let range = Int(vector.offsets[row])..<Int(vector.offsets[row + 1])
        return vector.buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
