import Columnar

extension Vector {
    /// This dense vector (non-null values only) spread over `validity.count` slots: valid slots take the
    /// values in order, null slots are zeroed (fixed width) or empty (variable width). Byte arrays keep
    /// their bytes in place; only the offsets are rebuilt.
    func spread(into validity: ValidityBuilder) -> Vector {
        let slots = validity.count
        guard validity.nullCount > 0 else { return self }
        var out = Vector(type: type, count: slots, validity: validity.validity)
        if case .null = type { return out }
        if type.isVariableWidth {
            out.buffer = buffer
            out.offsets = spreadOffsets(validity)
            return out
        }
        let width = type.fixedWidth ?? 0
        out.buffer = ByteBuffer(capacity: slots * width)
        out.buffer.resize(slots * width)
        switch width {
        case 1: spreadFixed(UInt8.self, validity, into: &out.buffer)
        case 2: spreadFixed(UInt16.self, validity, into: &out.buffer)
        case 4: spreadFixed(UInt32.self, validity, into: &out.buffer)
        case 8: spreadFixed(UInt64.self, validity, into: &out.buffer)
        case 16: spreadFixed(UInt128.self, validity, into: &out.buffer)
        default: spreadBytes(width: width, validity, into: &out.buffer)
        }
        return out
    }

    private func spreadOffsets(_ validity: ValidityBuilder) -> ContiguousArray<Int32> {
        var result = ContiguousArray<Int32>(repeating: 0, count: validity.count + 1)
        var next = 0
        result.withUnsafeMutableBufferPointer { result in
            offsets.withUnsafeBufferPointer { offsets in
                validity.words.withUnsafeBufferPointer { words in
                    for row in 0..<validity.count {
                        if words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0 { next &+= 1 }
                        result[row &+ 1] = offsets[next]
                    }
                }
            }
        }
        return result
    }

    private func spreadFixed<T: BitwiseCopyable>(_: T.Type, _ validity: ValidityBuilder, into target: inout ByteBuffer) {
        buffer.withUnsafeBufferPointer(as: T.self) { source in
            target.withUnsafeMutableBufferPointer(as: T.self) { target in
                validity.words.withUnsafeBufferPointer { words in
                    var next = 0
                    for row in 0..<validity.count where words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0 {
                        target[row] = source[next]
                        next &+= 1
                    }
                }
            }
        }
    }

    private func spreadBytes(width: Int, _ validity: ValidityBuilder, into target: inout ByteBuffer) {
        buffer.withUnsafeBytes { source in
            target.withUnsafeMutableBufferPointer(as: UInt8.self) { target in
                var next = 0
                for row in 0..<validity.count where validity.words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0 {
                    for b in 0..<width { target[row &* width &+ b] = source[next &* width &+ b] }
                    next &+= 1
                }
            }
        }
    }
}
