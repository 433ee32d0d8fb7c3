import Columnar

/// Accumulates one column of a batch: values, offsets, validity words and child builders, all reused from
/// batch to batch. `truncate(to:)` undoes rows a rejected record had already appended.
final class ColumnBuilder {
    let type: DataType
    private(set) var count = 0
    var values = ByteBuffer()
    var offsets: ContiguousArray<Int32> = [0]
    /// One bit per row, set = valid; always covers `count` rows.
    var validity: ContiguousArray<UInt64> = []
    var nullCount = 0
    var children: [ColumnBuilder]

    init(_ type: DataType) {
        self.type = type
        switch type {
        case .list(let element): children = [ColumnBuilder(element.type)]
        case .structure(let fields): children = fields.map { ColumnBuilder($0.type) }
        case .map(let key, let value): children = [ColumnBuilder(key.type), ColumnBuilder(value.type)]
        default: children = []
        }
    }

    /// Counts one more row as valid. The caller has written its payload.
    @inline(__always)
    func commitValid() {
        if count & 63 == 0 { validity.append(~0) }
        count &+= 1
    }

    /// Appends a null row with a zeroed payload (an empty range for offsets types, null children for structs).
    func appendNull() {
        if count & 63 == 0 { validity.append(~0) }
        validity[count >> 6] &= ~(1 << UInt64(count & 63))
        nullCount &+= 1
        count &+= 1
        switch type {
        case .string, .binary: offsets.append(Int32(values.count))
        case .list, .map: offsets.append(offsets.last ?? 0)
        case .structure: for child in children { child.appendNull() }
        case .null: break
        default: values.resize(values.count + (type.fixedWidth ?? 0))
        }
    }

    /// Counts `n` more rows valid at once; their payloads were written in bulk.
    func commitRows(_ n: Int) {
        let needed = Validity.wordCount(count + n)
        if validity.count < needed { validity.append(contentsOf: repeatElement(~0, count: needed - validity.count)) }
        count += n
    }

    /// Marks row `row` (already counted) null.
    func setNull(_ row: Int) {
        let bit: UInt64 = 1 << UInt64(row & 63)
        if validity[row >> 6] & bit != 0 {
            validity[row >> 6] &= ~bit
            nullCount &+= 1
        }
    }

    /// Marks the last appended row null, keeping its (placeholder) payload.
    func markLastNull() {
        let row = count - 1
        if validity[row >> 6] & (1 << UInt64(row & 63)) != 0 {
            validity[row >> 6] &= ~(1 << UInt64(row & 63))
            nullCount &+= 1
        }
    }

    /// Appends a fixed-width value and counts the row valid.
    @inline(__always)
    func append<T: BitwiseCopyable>(_ value: T) {
        values.append(value)
        commitValid()
    }

    /// Appends string or binary bytes and counts the row valid.
    func appendBytes(_ bytes: UnsafeRawBufferPointer) throws {
        values.append(raw: bytes)
        try closeBytes()
    }

    /// Ends a string row whose bytes were appended to `values` directly.
    @inline(__always)
    func closeBytes() throws {
        guard values.count <= Int(Int32.max) else {
            throw TextFormatError.make(.tooLarge, "a batch's string column holds more than 2 GiB")
        }
        offsets.append(Int32(truncatingIfNeeded: values.count))
        commitValid()
    }

    /// Ends a list or map row whose elements were appended to the children.
    func closeList() {
        offsets.append(Int32(truncatingIfNeeded: children[0].count))
        commitValid()
    }

    /// Drops rows from `rows` on.
    func truncate(to rows: Int) {
        guard rows < count else { return }
        switch type {
        case .string, .binary:
            values.resize(Int(offsets[rows]))
            offsets.removeLast(offsets.count - rows - 1)
        case .list, .map:
            let elements = Int(offsets[rows])
            offsets.removeLast(offsets.count - rows - 1)
            for child in children { child.truncate(to: elements) }
        case .structure:
            for child in children { child.truncate(to: rows) }
        case .null: break
        default:
            values.resize(rows * (type.fixedWidth ?? 0))
        }
        validity.removeLast(validity.count - Validity.wordCount(rows))
        if rows & 63 != 0 { validity[rows >> 6] |= ~0 << UInt64(rows & 63) }
        count = rows
        nullCount = Validity(words: validity).nullCount(rows)
    }

    /// The column as a vector; the builder starts over empty.
    func finish() -> Vector {
        let vector = Vector(
            type: type, count: count, validity: nullCount > 0 ? Validity(words: validity) : nil, buffer: values,
            offsets: type.isVariableWidth || isListLike ? offsets : [], children: children.map { $0.finish() })
        reset()
        return vector
    }

    private var isListLike: Bool {
        switch type {
        case .list, .map: true
        default: false
        }
    }

    private func reset() {
        count = 0
        nullCount = 0
        values = ByteBuffer(capacity: values.capacity)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        validity.removeAll(keepingCapacity: true)
    }
}
