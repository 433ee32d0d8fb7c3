import Columnar
import Parquet

/// A stream of batches over file slices: each base file is read with the Parquet reader, filtered by commit
/// time for incremental reads, and evolved to the table schema. Pull with `next()`; nil when done.
public struct HudiScan {
    public let table: HudiTable
    /// The file slices read, in order.
    public let fileSlices: [FileSlice]
    /// The schema of every batch.
    public let schema: Schema
    let batchSize: Int
    let commitTimeFilter: CommitTimeFilter?
    /// Row conditions; they also prune row groups by statistics.
    let filters: [ScanPredicate]
    var nextSlice = 0
    var current: (iterator: ParquetBatchIterator, file: String)?
    /// Row groups read, and skipped by their statistics.
    public private(set) var rowGroupsRead = 0
    public private(set) var rowGroupsSkipped = 0
    /// File slices opened so far (the first `fileSlicesOpened` of `fileSlices`).
    public var fileSlicesOpened: Int { nextSlice }
    /// Files, row groups and bytes read and skipped so far (partition pruning counted from the start).
    public private(set) var readCounts = FileReadCounts()

    init(table: HudiTable, fileSlices: [FileSlice], schema: Schema, batchSize: Int, commitTimeFilter: CommitTimeFilter?,
         filters: [ScanPredicate] = []) {
        self.table = table
        self.fileSlices = fileSlices
        self.schema = schema
        self.batchSize = batchSize
        self.commitTimeFilter = commitTimeFilter
        self.filters = filters
    }

    init(table: HudiTable, fileSlices: [FileSlice], schema: Schema, options: HudiReadOptions, commitTimeFilter: CommitTimeFilter?) {
        self.init(table: table, fileSlices: fileSlices, schema: schema, batchSize: options.batchSize,
                  commitTimeFilter: commitTimeFilter, filters: options.filters)
    }

    public mutating func next() throws -> Batch? {
        while true {
            if current == nil {
                guard nextSlice < fileSlices.count else { return nil }
                let file = fileSlices[nextSlice].baseFile
                nextSlice += 1
                current = (try open(file), file.key)
            }
            let batch: Batch?
            do {
                batch = try current!.iterator.next()
            } catch let error as ParquetError {
                throw TableFormatError(.io, "base file '\(current!.file)': \(error.message)")
            }
            guard var batch else {
                current = nil
                continue
            }
            if let commitTimeFilter { batch.selection = try commitTimeFilter.select(batch, file: current!.file) }
            for filter in filters where batch.rowCount > 0 {
                guard let column = batch.schema.index(of: filter.column) else { batch.selection = SelectionVector(); break }
                batch.selection = try filter.select(batch, column: column)
            }
            if batch.rowCount == 0 { continue }
            return try SchemaEvolution.evolve(batch, to: schema, file: current!.file)
        }
    }

    /// Counts the slices of `all` that partition pruning left out of `fileSlices`.
    mutating func countPartitionPruning(of all: [FileSlice]) {
        let bytes = { (slices: [FileSlice]) in slices.reduce(0) { FileReadCounts.saturatingSum($0, max(0, $1.baseFile.size ?? 0)) } }
        readCounts = readCounts + FileReadCounts(prunedFiles: all.count - fileSlices.count,
                                                 bytes: max(0, bytes(all) &- bytes(fileSlices)))
    }

    /// All remaining batches.
    public mutating func collect() throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

    /// Reads only the columns the scan needs that the file has (plus the commit time for filtering).
    private mutating func open(_ file: HoodieBaseFile) throws -> ParquetBatchIterator {
        // One source for both readers: the second footer parse is served from the cached tail.
        let source = try ObjectByteSource(store: table.store, key: file.key, size: file.size)
        let probe = try table.parquetReader(key: file.key, size: file.size, columns: [], source: source)
        var wanted = Set(schema.fields.map(\.name))
        if commitTimeFilter != nil { wanted.insert(CommitTimeFilter.column) }
        wanted.formUnion(filters.map(\.column))
        let columns = probe.schema.fields.map(\.name).filter { wanted.contains($0) }
        let reader = try table.parquetReader(key: file.key, size: file.size, columns: columns, batchSize: batchSize, source: source)
        let rowGroups = try (0..<reader.rowGroupCount).filter { try ScanPredicate.mayMatch(filters, reader, rowGroup: $0) }
        rowGroupsRead += rowGroups.count
        rowGroupsSkipped += reader.rowGroupCount - rowGroups.count
        readCounts = readCounts + FileReadCounts(file: reader, rowGroups: rowGroups)
        return try reader.makeBatchIterator(rowGroups: rowGroups)
    }
}

/// Keeps the rows whose `_hoodie_commit_time`, mapped to its instant's ordering time, is in (begin, end].
/// Instant times are 17 ASCII digits, so they compare as integers without allocating a String per row.
struct CommitTimeFilter {
    static let column = "_hoodie_commit_time"
    let begin: UInt64
    let end: UInt64
    /// requested → completion time, for layout 2.
    let completion: [UInt64: UInt64]

    init(begin: String, end: String, timeline: HoodieActiveTimeline) {
        self.begin = CommitTimeFilter.number(begin.utf8) ?? 0
        self.end = CommitTimeFilter.number(end.utf8) ?? UInt64.max
        var completion: [UInt64: UInt64] = [:]
        for instant in timeline.completedCommits {
            if let c = instant.completionTime, let r = CommitTimeFilter.number(instant.requestedTime.utf8),
               let cv = CommitTimeFilter.number(c.utf8) { completion[r] = cv }
        }
        self.completion = completion
    }

    /// A 14- or 17-digit instant as a 17-digit number (14 digits pad with 999, as Java does).
    @inline(__always)
    static func number<C: Collection>(_ digits: C) -> UInt64? where C.Element == UInt8 {
        guard digits.count == 17 || digits.count == 14 else { return nil }
        var value: UInt64 = 0
        for d in digits {
            guard d >= 48, d <= 57 else { return nil }
            value = value &* 10 &+ UInt64(d &- 48)
        }
        return digits.count == 14 ? value &* 1000 &+ 999 : value
    }

    func select(_ batch: Batch, file: String) throws -> SelectionVector {
        guard let index = batch.schema.index(of: CommitTimeFilter.column), case .string = batch.columns[index].type else {
            throw TableFormatError(.schemaMismatch, "base file '\(file)' has no string column \(CommitTimeFilter.column) to filter an incremental read on")
        }
        let vector = batch.columns[index]
        var kept = ContiguousArray<UInt32>()
        vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                if vector.isNull(row) { continue }
                let range = Int(vector.offsets[row])..<Int(vector.offsets[row + 1])
                guard range.lowerBound >= 0, range.upperBound <= bytes.count,
                      let t = CommitTimeFilter.number(bytes[range]) else { continue }
                let ordering = completion[t] ?? t
                if ordering > begin && ordering <= end { kept.append(UInt32(row)) }
            }
        }
        return SelectionVector(kept)
    }
}
