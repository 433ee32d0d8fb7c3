import Columnar

extension Vector {
    /// Rows `range` as a new vector (buffers copied, offsets rebased to 0).
    func slice(_ range: Range<Int>) -> Vector {
        if range == 0..<count { return self }
        var out = Vector(type: type, count: range.count)
        out.validity = validity.map { $0.slice(range) }
        switch type {
        case .null:
            break
        case .string, .binary:
            let (rebased, bytes) = rebasedOffsets(range)
            out.offsets = rebased
            out.buffer = buffer.slice(bytes)
        case .list, .map:
            let (rebased, elements) = rebasedOffsets(range)
            out.offsets = rebased
            out.children = children.map { $0.slice(elements) }
        case .structure:
            out.children = children.map { $0.slice(range) }
        default:
            let width = type.fixedWidth ?? 0
            out.buffer = buffer.slice(range.lowerBound * width..<range.upperBound * width)
        }
        return out
    }

    private func rebasedOffsets(_ range: Range<Int>) -> (ContiguousArray<Int32>, Range<Int>) {
        let base = offsets[range.lowerBound]
        let rebased = ContiguousArray(offsets[range.lowerBound...range.upperBound].lazy.map { $0 &- base })
        return (rebased, Int(base)..<Int(offsets[range.upperBound]))
    }
}

extension Validity {
    /// Bits `range`, shifted to start at bit 0.
    func slice(_ range: Range<Int>) -> Validity {
        let shift = range.lowerBound & 63
        let first = range.lowerBound >> 6
        var out = ContiguousArray<UInt64>(repeating: 0, count: Validity.wordCount(range.count))
        for j in out.indices {
            let low = words[first + j] >> UInt64(shift)
            let high = shift != 0 && first + j + 1 < words.count ? words[first + j + 1] << UInt64(64 - shift) : 0
            out[j] = low | high
        }
        return Validity(words: out)
    }
}

extension ByteBuffer {
    /// Bytes `range` in a new buffer.
    func slice(_ range: Range<Int>) -> ByteBuffer {
        var out = ByteBuffer(capacity: range.count)
        withUnsafeBytes { out.append(raw: UnsafeRawBufferPointer(rebasing: $0[range])) }
        return out
    }
}
