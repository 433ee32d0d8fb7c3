import Columnar

extension Vector {
    /// Whether `appendRow` can extend vectors of `type`: fixed-width, string and binary columns.
    static func canAppendRows(_ type: DataType) -> Bool {
        type.isVariableWidth || (type.fixedWidth ?? 0) > 0
    }

    /// Appends row `row` of `other`, a vector of the same type (see `canAppendRows`). Bytes past the layout's
    /// last value (a decoder's spare capacity) are dropped first. Throws, changing nothing, when `other` has
    /// another type or `row` or its bytes lie outside it.
    mutating func appendRow(of other: Vector, at row: Int) throws {
        guard other.type == type, Vector.canAppendRows(type), row >= 0, row < other.count else {
            throw TableFormatError(.schemaMismatch, "cannot append row \(row) of a \(other.count)-row \(other.type) vector to a \(type) vector")
        }
        if type.isVariableWidth {
            try appendBytesRow(of: other, at: row)
        } else {
            let width = type.fixedWidth ?? 0
            guard buffer.count >= count * width, other.buffer.count >= (row + 1) * width else {
                throw TableFormatError(.schemaMismatch, "\(type) vector of \(count) rows holds \(buffer.count) bytes")
            }
            buffer.resize(count * width)
            other.buffer.withUnsafeBytes { buffer.append(raw: UnsafeRawBufferPointer(rebasing: $0[(row * width)..<((row + 1) * width)])) }
        }
        let valid = !other.isNull(row)
        if !valid || validity != nil {
            if validity == nil { validity = Validity(allValid: count + 1) }
            validity?.resize(count + 1)
            validity?.set(count, valid: valid)
        }
        count += 1
    }

    private mutating func appendBytesRow(of other: Vector, at row: Int) throws {
        guard offsets.count >= count + 1, other.offsets.count >= other.count + 1 else {
            throw TableFormatError(.schemaMismatch, "\(type) vector of \(count) rows has \(offsets.count) offsets")
        }
        let start = Int(other.offsets[row]), end = Int(other.offsets[row + 1])
        let last = Int(offsets[count])
        guard start >= 0, start <= end, end <= other.buffer.count, last >= 0, last <= buffer.count,
              let newEnd = Int32(exactly: last + end - start) else {
            throw TableFormatError(.schemaMismatch, "\(type) row \(row) spans bytes \(start)..<\(end) of \(other.buffer.count), or the column outgrows Int32 offsets")
        }
        if offsets.count > count + 1 { offsets.removeLast(offsets.count - count - 1) }
        buffer.resize(last)
        other.buffer.withUnsafeBytes { buffer.append(raw: UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
        offsets.append(newEnd)
    }
}
