import Columnar

/// The spill side of ORDER BY: the sort buffer holds a reservation of the statement's shared budget, and when
/// the reservation cannot grow the buffer is sorted and written out as a run (the rows in order, plus each row's encoded sort key as a last binary column). At the end the runs
/// are merged k ways by `memcmp` of the keys; on equal keys the earlier run wins, and runs hold consecutive
/// stretches of the input, so the merged order is the stable in-memory order.
final class SortRuns {
    private let budget: MemoryBudget
    private let reservation: MemoryReservation
    private let schema: Schema
    private let runSchema: Schema
    private var readers: [SpillReader] = []
    /// Rows per batch in a run: small, so the merge holds little per run.
    static let batchRows = 256
    private(set) var runCount = 0

    init(budget: MemoryBudget, schema: Schema) {
        self.budget = budget
        reservation = budget.reserve()
        self.schema = schema
        runSchema = Schema(schema.fields + [Field("#sort_key", .binary)])
    }

    var isEmpty: Bool { readers.isEmpty }

    /// Whether `buffer` should be written out as a run: its reservation cannot grow to hold it. A run smaller
    /// than a sixteenth of the limit is not worth writing (the merge holds a batch per run), so a small buffer
    /// draws on the whole limit instead when others hold the spill threshold.
    func isFull(_ buffer: SortBuffer) -> Bool {
        let bytes = buffer.columns.reduce(0) { $0 + $1.byteSize } + buffer.keyArena.count + buffer.count * 12
        if reservation.resize(to: bytes) { return false }
        return bytes >= budget.limit / 16 || !reservation.resize(to: bytes, ceiling: budget.limit)
    }

    /// Gives the buffer's reservation back (the sort's output is passed on).
    func release() { reservation.release() }

    /// Sorts `buffer` and writes it as one run.
    func spill(_ buffer: SortBuffer) throws {
        let writer = try SpillWriter(path: budget.makeFilePath("sort-run"))
        let sorted = buffer.sortedRows()
        for start in stride(from: 0, to: sorted.count, by: Self.batchRows) {
            let chunk = ContiguousArray(sorted[start..<min(sorted.count, start + Self.batchRows)])
            var columns = buffer.columns.map { $0.gather(chunk) }
            columns.append(keyVector(buffer, chunk))
            try writer.write(Batch(schema: runSchema, columns: columns, count: chunk.count))
        }
        readers.append(try writer.finish(schema: runSchema))
        runCount += 1
        reservation.release()
    }

    private func keyVector(_ buffer: SortBuffer, _ rows: ContiguousArray<Int32>) -> Vector {
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        buffer.keyArena.withUnsafeBytes { arena in
            for r in rows {
                let range = buffer.keyOffsets[Int(r)]..<buffer.keyOffsets[Int(r) + 1]
                bytes.append(raw: UnsafeRawBufferPointer(rebasing: arena[range]))
                offsets.append(Int32(bytes.count))
            }
        }
        return Vector(type: .binary, count: rows.count, buffer: bytes, offsets: offsets)
    }

    /// The merge of all runs; fails when one batch per run does not fit in the budget.
    func merge() throws -> SortMerge {
        let merge = try SortMerge(readers, schema: schema)
        readers = []
        // One batch per run must fit even after spilling: it may use the whole limit other operators leave.
        if !reservation.resize(to: merge.residentBytes, ceiling: budget.limit) {
            throw budget.outOfMemory("ORDER_BY", "merging \(merge.cursorCount) sorted runs needs "
                                     + "\(MemoryBudget.format(merge.residentBytes))")
        }
        return merge
    }
}
