/// Hudi's bounded dynamic bloom filter (`InternalDynamicBloomFilter`, after Hadoop's `DynamicBloomFilter`): a
/// chain of standard filters ("rows") of equal shape. Keys go into the last row until it holds `nr` keys, then a
/// new row is added, until `rows * nr` reaches `maxNr`; past that bound keys go round-robin into the existing
/// rows and the false-positive rate is no longer guaranteed. A key may be present if any row says so.
///
/// Serialized form: the standard header (`version, nbHash, hashType, vectorSize`), then
/// `int32 nr, int32 currentNbRecord, int32 rows`, then each row as a standard filter.
/// `maxNr` is not serialized: a filter read back from a footer never grows (Java's does not either).
struct InternalDynamicBloomFilter: Sendable, Hashable {
    let vectorSize: Int32
    let nbHash: Int32
    let hashType: UInt8
    /// Keys per row.
    let nr: Int32
    /// Keys in the active (last) row.
    private(set) var currentNbRecord: Int32
    let maxNr: Int32
    private var reachedMax = false
    private var curMatrixIndex = 0
    private(set) var matrix: [InternalBloomFilter]

    init(vectorSize: Int32, nbHash: Int32, nr: Int32, maxNr: Int32) {
        self.vectorSize = vectorSize
        self.nbHash = nbHash
        self.hashType = MurmurHash.hashType
        self.nr = nr
        self.maxNr = maxNr
        currentNbRecord = 0
        matrix = [InternalBloomFilter(vectorSize: vectorSize, nbHash: nbHash)]
    }

    mutating func add(_ key: UnsafeBufferPointer<UInt8>) {
        let row: Int
        if let active = activeRow() {
            row = active
        } else {
            matrix.append(InternalBloomFilter(vectorSize: vectorSize, nbHash: nbHash))
            row = matrix.count - 1
            currentNbRecord = 0
        }
        matrix[row].add(key)
        currentNbRecord &+= 1
    }

    /// `add` for many keys, in order: each key goes to the row `add` would pick, and each row takes its keys
    /// in one bulk add.
    mutating func add(_ keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) {
        var rows = [ContiguousArray<UnsafeBufferPointer<UInt8>>](repeating: [], count: matrix.count)
        for key in keys {
            let row: Int
            if let active = activeRow() {
                row = active
            } else {
                matrix.append(InternalBloomFilter(vectorSize: vectorSize, nbHash: nbHash))
                rows.append([])
                row = matrix.count - 1
                currentNbRecord = 0
            }
            rows[row].append(key)
            currentNbRecord &+= 1
        }
        for row in rows.indices where !rows[row].isEmpty { matrix[row].add(rows[row]) }
    }

    /// `add`'s choice of row and counting, without the hashing: rows it adds stay empty.
    mutating func skipKey() {
        if activeRow() == nil {
            matrix.append(InternalBloomFilter(vectorSize: vectorSize, nbHash: nbHash))
            currentNbRecord = 0
        }
        currentNbRecord &+= 1
    }

    /// Java's `getActiveStandardBF`: nil means "add a row". Its integer arithmetic is kept (32-bit products).
    private mutating func activeRow() -> Int? {
        if reachedMax {
            defer { curMatrixIndex += 1 }
            return curMatrixIndex % matrix.count
        }
        let capacity = Int32(truncatingIfNeeded: matrix.count) &* nr
        if currentNbRecord >= nr && capacity < maxNr { return nil }
        if currentNbRecord >= nr && capacity >= maxNr {
            reachedMax = true
            return 0
        }
        return matrix.count - 1
    }

    func membershipTest(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        matrix.contains { $0.membershipTest(key) }
    }

    func membershipTest(hashes: UnsafeBufferPointer<Int32>) -> Bool {
        matrix.contains { $0.membershipTest(hashes: hashes) }
    }

    /// The most hashes any row uses (rows read from a footer carry their own headers).
    var maxHashCount: Int32 { matrix.reduce(nbHash) { max($0, $1.nbHash) } }
}

extension InternalDynamicBloomFilter {
    func write(to out: inout JavaDataOutput) {
        InternalBloomFilter.Header(nbHash: nbHash, hashType: hashType, vectorSize: vectorSize).write(to: &out)
        out.writeInt(nr)
        out.writeInt(currentNbRecord)
        out.writeInt(Int32(truncatingIfNeeded: matrix.count))
        for row in matrix { row.write(to: &out) }
    }

    /// `readFields`. Rows are self-describing; each is read with its own header, as Java does.
    init(from input: inout JavaDataInput) throws {
        let header = try InternalBloomFilter.Header(from: &input)
        vectorSize = header.vectorSize
        nbHash = header.nbHash
        hashType = header.hashType
        nr = try input.readInt()
        currentNbRecord = try input.readInt()
        maxNr = 0
        let rows = try input.readInt()
        // Each row takes at least a 13-byte header, which bounds a corrupt count before any allocation.
        guard rows >= 0, Int(rows) <= input.remaining / 13 else {
            throw TableFormatError(.invalidMetadata, "\(input.context): \(rows) rows in \(input.remaining) remaining bytes")
        }
        matrix = []
        for _ in 0..<rows { matrix.append(try InternalBloomFilter(from: &input)) }
    }
}

extension InternalDynamicBloomFilter {
    /// See `HoodieBloomFilter.continuing`: replays the row choices of `keyCount` adds (no hashing), checks that
    /// they leave `written`'s row count and active-row count, then takes `written`'s rows.
    func continuing(_ written: InternalDynamicBloomFilter, afterKeys keyCount: Int) -> InternalDynamicBloomFilter? {
        guard keyCount >= 0, matrix.count == 1, currentNbRecord == 0, written.vectorSize == vectorSize,
              written.nbHash == nbHash, written.hashType == hashType, written.nr == nr,
              written.matrix.allSatisfy({ $0.vectorSize == vectorSize && $0.nbHash == nbHash && $0.hashType == hashType })
        else { return nil }
        var state = self
        for _ in 0..<keyCount { state.skipKey() }
        guard state.matrix.count == written.matrix.count, state.currentNbRecord == written.currentNbRecord else { return nil }
        state.matrix = written.matrix
        return state
    }
}
