import Columnar
import Parquet
import Storage

/// One base file's part of a bloom index lookup (Hudi's `HoodieKeyLookupHandle`): its footer gives the record
/// key range and the bloom filter, which narrow the keys to candidates; reading the file's `_hoodie_record_key`
/// column then confirms which candidates it really holds.
struct HoodieKeyLookupHandle {
    static let recordKeyField = "_hoodie_record_key"

    let slice: FileSlice
    let source: BaseFileFooterSource
    var file: String { slice.baseFile.key }

    init(store: any ObjectStore, slice: FileSlice) throws {
        self.slice = slice
        source = try BaseFileFooterSource(store: store, key: slice.baseFile.key, size: slice.baseFile.size)
    }

    /// The keys of `range` the file may hold (ascending indices into `keys`), by its bloom filter; all of them
    /// when the footer has no filter.
    /// Keys' precomputed hash chains are used when long enough for the filter; otherwise keys are hashed here.
    func bloomCandidates(_ range: Range<Int>, of keys: HoodieRecordKeys) throws -> (candidates: [Int], hasFilter: Bool) {
        guard let filter = try HoodieBloomFilterWriteSupport.readBloomFilter(from: source.metadata.keyValueMetadata ?? [], file: file) else {
            return (Array(range), false)
        }
        guard keys.hashCount >= filter.requiredHashCount else {
            return (range.filter { index in keys.withUTF8(index) { filter.mightContain(utf8: $0) } }, true)
        }
        let candidates = range.filter { index in keys.withHashes(index) { filter.mightContain(hashes: $0) } }
        return (candidates, true)
    }

    /// The footer's [min, max] record key range, when it has one.
    var recordKeyRange: (min: String, max: String)? {
        HoodieBloomFilterWriteSupport.readRecordKeyRange(from: source.metadata.keyValueMetadata ?? [])
    }

    /// Of `candidates` (ascending indices into `keys`), those whose key is in the file's record key column.
    func confirm(_ candidates: [Int], in keys: HoodieRecordKeys) throws -> [Int] {
        if let end = firstKeyChunkEnd { try source.prefetchHead(through: end) }
        var options = ParquetReadOptions()
        options.columns = [HoodieKeyLookupHandle.recordKeyField]
        var batches: ParquetBatchIterator
        do {
            batches = try ParquetFileReader(source: source, options: options).makeBatchIterator()
        } catch let error as ParquetError {
            // invalidArgument: the file has no such column (a table without meta fields).
            let code: TableFormatError.Code = error.code == .invalidArgument ? .schemaMismatch : .io
            throw TableFormatError(code, "base file '\(file)': cannot read \(HoodieKeyLookupHandle.recordKeyField) for the bloom index: \(error.message)")
        }
        var found = [Bool](repeating: false, count: candidates.count)
        let prefilter = KeyPrefilter(candidates.lazy.map { keys.strings[$0] })
        while let batch = try nextBatch(&batches) {
            let column = batch.columns[0]
            guard case .string = column.type else {
                throw TableFormatError(.schemaMismatch, "base file '\(file)': \(HoodieKeyLookupHandle.recordKeyField) is \(column.type), not a string")
            }
            try mark(column, rows: column.count, candidates: candidates, prefilter: prefilter, keys: keys, found: &found)
        }
        return candidates.indices.filter { found[$0] }.map { candidates[$0] }
    }

    /// Where the first row group's record key chunk ends, when it starts near the file's head (Hudi writes the
    /// meta columns first): one GET then serves the leading magic and the chunk.
    private var firstKeyChunkEnd: Int? {
        let chunk = source.metadata.rowGroups.first?.columns.first { $0.metaData?.pathInSchema == [HoodieKeyLookupHandle.recordKeyField] }
        guard let meta = chunk?.metaData else { return nil }
        let start = min(meta.dictionaryPageOffset ?? meta.dataPageOffset, meta.dataPageOffset)
        guard start >= 0, start <= 64 * 1024, meta.totalCompressedSize >= 0,
              meta.totalCompressedSize <= Int64(source.size) - start else { return nil }
        return Int(start + meta.totalCompressedSize)
    }

    private func nextBatch(_ batches: inout ParquetBatchIterator) throws -> Batch? {
        do {
            return try batches.next()
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(file)': \(error.message)")
        }
    }

    /// Binary-searches the candidates for each row's key bytes that the prefilter lets through (the candidates'
    /// own keys and a few percent of others); no per-row allocation.
    private func mark(_ column: Vector, rows: Int, candidates: [Int], prefilter: KeyPrefilter, keys: HoodieRecordKeys,
                      found: inout [Bool]) throws {
        try column.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for row in 0..<rows {
                // Tables written with hoodie.populate.meta.fields=false keep the column but leave it null.
                guard !column.isNull(row) else {
                    throw TableFormatError(.schemaMismatch, "base file '\(file)': \(HoodieKeyLookupHandle.recordKeyField) is null in row \(row); a table without meta fields cannot use the bloom index")
                }
                let start = Int(column.offsets[row])
                let end = Int(column.offsets[row + 1])
                guard start >= 0, start <= end, end <= bytes.count else {
                    throw TableFormatError(.io, "base file '\(file)': record key of row \(row) lies outside its column buffer")
                }
                let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard prefilter.mightContain(key) else { continue }
                var low = 0
                var high = candidates.count
                while low < high {
                    let mid = low + (high - low) / 2
                    let order = keys.withUTF8(candidates[mid]) { JavaStringOrder.compare($0, key) }
                    if order == 0 {
                        found[mid] = true
                        break
                    }
                    if order < 0 { low = mid + 1 } else { high = mid }
                }
            }
        }
    }
}
