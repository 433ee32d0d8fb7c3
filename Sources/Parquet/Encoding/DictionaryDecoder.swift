/// Decoding of a dictionary-encoded values section (RLE_DICTIONARY = 8, PLAIN_DICTIONARY = 2):
///
/// ```
/// 1 byte bit width (0...32) | RLE/bit-packed hybrid indices to the end of the section, no length prefix
/// ```
/// One index per non-null value, each checked against the dictionary size. The dictionary itself is the
/// PLAIN-decoded dictionary page in Columnar layout (fixed-width values back to back, or bytes + offsets).
/// Indices are decoded in chunks into a stack buffer, checked, then gathered with a tight loop per width.

import Columnar

public enum DictionaryDecoder {
    static let chunk = 1024

    /// The hybrid decoder over the indices, after reading the bit-width byte.
    public static func indexDecoder(_ section: UnsafeRawBufferPointer) throws -> RLEHybridDecoder {
        guard let width = section.first else {
            throw ParquetError(.corrupt, "RLE_DICTIONARY: empty values section, no bit width byte")
        }
        guard width <= 32 else {
            throw ParquetError(.corrupt, "RLE_DICTIONARY: bit width \(width) > 32")
        }
        return try RLEHybridDecoder(bytes: UnsafeRawBufferPointer(rebasing: section[1...]), bitWidth: Int(width))
    }

    /// Decodes exactly `output.count` indices, each `< dictionarySize`.
    public static func decodeIndices(
        _ section: UnsafeRawBufferPointer, dictionarySize: Int, into output: UnsafeMutableBufferPointer<UInt32>
    ) throws {
        guard !output.isEmpty else { return }
        var decoder = try indexDecoder(section)
        try decodeChecked(&decoder, dictionarySize: dictionarySize, into: output)
    }

    /// Fixed-width dictionary (`dictionary` = `dictionarySize * width` bytes): appends `count` gathered values.
    public static func gatherFixedWidth(
        _ section: UnsafeRawBufferPointer, count: Int, dictionary: UnsafeRawBufferPointer, width: Int,
        into values: inout ByteBuffer
    ) throws {
        guard count > 0 else { return }
        var decoder = try indexDecoder(section)
        try gatherFixedWidth(&decoder, count: count, dictionary: dictionary, width: width, into: &values)
    }

    /// The next `count` values of `decoder`'s indices, appended; `already` and `total` (values decoded
    /// before, values in the page) only word the error when the indices end early.
    static func gatherFixedWidth(
        _ decoder: inout RLEHybridDecoder, count: Int, dictionary: UnsafeRawBufferPointer, width: Int,
        into values: inout ByteBuffer, already: Int = 0, total: Int? = nil
    ) throws {
        guard count > 0 else { return }
        guard width > 0 else { throw ParquetError(.corrupt, "RLE_DICTIONARY: value width \(width)") }
        let size = dictionary.count / width
        // The output grows chunk by chunk (from a bounded first reservation), so a hostile count with a short
        // section fails before it allocates.
        values.reserve(values.count + min(count, 1 << 20) * width)
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunk) { scratch in
            var done = 0
            while done < count {
                let indices = UnsafeMutableBufferPointer(rebasing: scratch[0..<min(chunk, count - done)])
                try decodeChecked(&decoder, dictionarySize: size, into: indices, already: already + done,
                                  total: total ?? already + count)
                values.appendUninitialized(indices.count * width) { out in
                    gather(UnsafeBufferPointer(indices), dictionary.baseAddress!, width, out.baseAddress!)
                }
                done += indices.count
            }
        }
    }

    /// Byte-array dictionary (`dictionaryOffsets` has `size + 1` entries): appends `count` values.
    public static func gatherByteArray(
        _ section: UnsafeRawBufferPointer, count: Int, dictionaryBytes: UnsafeRawBufferPointer,
        dictionaryOffsets: UnsafeBufferPointer<Int32>, bytes: inout ByteBuffer, offsets: inout ContiguousArray<Int32>
    ) throws {
        guard count > 0 else { return }
        let size = max(0, dictionaryOffsets.count - 1)
        var decoder = try indexDecoder(section)
        let uniform = uniformLength(dictionaryOffsets, byteCount: dictionaryBytes.count)
        offsets.reserveCapacity(offsets.count + min(count, 1 << 16))  // a hostile count must not allocate
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunk) { scratch in
            var done = 0
            while done < count {
                let indices = UnsafeMutableBufferPointer(rebasing: scratch[0..<min(chunk, count - done)])
                try decodeChecked(&decoder, dictionarySize: size, into: indices, already: done, total: count)
                if let uniform {
                    try gatherUniform(UnsafeBufferPointer(indices), dictionaryBytes, dictionaryOffsets, uniform, &bytes, &offsets)
                } else {
                    try gatherByteArrays(UnsafeBufferPointer(indices), dictionaryBytes, dictionaryOffsets, &bytes, &offsets)
                }
                done += indices.count
            }
        }
    }

    /// The one length every entry of a small dictionary has (flags, codes, fixed-size keys), else nil: such
    /// values gather as fixed-width ones, with computed offsets. Large dictionaries are not scanned (per page).
    static func uniformLength(_ offsets: UnsafeBufferPointer<Int32>, byteCount: Int) -> Int? {
        guard offsets.count >= 2, offsets.count <= 257, offsets[0] >= 0, Int(offsets[offsets.count - 1]) <= byteCount
        else { return nil }
        let length = offsets[1] &- offsets[0]
        guard length >= 0 else { return nil }
        for i in 1..<offsets.count where offsets[i] &- offsets[i &- 1] != length { return nil }
        return Int(length)
    }

    /// Appends the values of checked `indices` from a dictionary whose entries are all `length` bytes: entry
    /// `i` starts at `offsets[0] + i * length`, and output offsets step by `length`.
    static func gatherUniform(
        _ indices: UnsafeBufferPointer<UInt32>, _ dictionaryBytes: UnsafeRawBufferPointer,
        _ dictionaryOffsets: UnsafeBufferPointer<Int32>, _ length: Int, _ bytes: inout ByteBuffer,
        _ offsets: inout ContiguousArray<Int32>
    ) throws {
        let base = bytes.count, total = indices.count &* length
        _ = try checkedOffset(base + total, encoding: "RLE_DICTIONARY")
        let first = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: indices.count))
        offsets.withUnsafeMutableBufferPointer { all in
            var end = base
            for k in 0..<indices.count {
                end &+= length
                all[first &+ k] = Int32(truncatingIfNeeded: end)
            }
        }
        guard total > 0, let source = dictionaryBytes.baseAddress else { return }
        bytes.appendUninitialized(total) { out in
            gather(indices, source + Int(dictionaryOffsets[0]), length, out.baseAddress!)
        }
    }

    static func decodeChecked(
        _ decoder: inout RLEHybridDecoder, dictionarySize: Int, into indices: UnsafeMutableBufferPointer<UInt32>,
        already: Int = 0, total: Int? = nil
    ) throws {
        let got = try decoder.decode(into: indices)
        guard got == indices.count else {
            throw ParquetError(.corrupt, "RLE_DICTIONARY: indices end after \(already + got) of \(total ?? already + indices.count) values")
        }
        var maxIndex: UInt32 = 0
        for i in indices { maxIndex = max(maxIndex, i) }
        guard Int(maxIndex) < dictionarySize else {
            throw ParquetError(.corrupt, "RLE_DICTIONARY: index \(maxIndex) out of range for a dictionary of \(dictionarySize) entries")
        }
    }

    static func gather(_ indices: UnsafeBufferPointer<UInt32>, _ dictionary: UnsafeRawPointer, _ width: Int, _ out: UnsafeMutableRawPointer) {
        switch width {
        case 4: gatherTyped(indices, dictionary, out, UInt32.self)
        case 8: gatherTyped(indices, dictionary, out, UInt64.self)
        case 16: gatherTyped(indices, dictionary, out, SIMD2<UInt64>.self)
        case 1: gatherTyped(indices, dictionary, out, UInt8.self)
        case 2: gatherTyped(indices, dictionary, out, UInt16.self)
        default:
            for (i, index) in indices.enumerated() {
                (out + i &* width).copyMemory(from: dictionary + Int(index) &* width, byteCount: width)
            }
        }
    }

    /// Indices are checked against the dictionary and the output has room for them all, so the offsets
    /// cannot overflow: wrapping arithmetic keeps the loop to a load, a load and a store.
    @inline(__always)
    static func gatherTyped<T: BitwiseCopyable>(
        _ indices: UnsafeBufferPointer<UInt32>, _ dictionary: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, _: T.Type
    ) {
        guard let base = indices.baseAddress else { return }
        let stride = MemoryLayout<T>.size
        for i in 0..<indices.count {
            let value = dictionary.loadUnaligned(fromByteOffset: Int(base[i]) &* stride, as: T.self)
            out.storeBytes(of: value, toByteOffset: i &* stride, as: T.self)
        }
    }

    /// Appends the dictionary values of checked `indices`: one pass sums the lengths (bounding the output),
    /// one copies each value (`ShortCopy`) and writes its offset in place.
    static func gatherByteArrays(
        _ indices: UnsafeBufferPointer<UInt32>, _ dictionaryBytes: UnsafeRawBufferPointer,
        _ dictionaryOffsets: UnsafeBufferPointer<Int32>, _ bytes: inout ByteBuffer, _ offsets: inout ContiguousArray<Int32>
    ) throws {
        var total = 0
        for index in indices {
            let i = Int(index)
            total &+= Int(dictionaryOffsets[i &+ 1]) &- Int(dictionaryOffsets[i])
        }
        let base = bytes.count
        _ = try checkedOffset(base + total, encoding: "RLE_DICTIONARY")
        let first = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: indices.count))
        guard let source = dictionaryBytes.baseAddress else {  // every value is empty
            offsets.withUnsafeMutableBufferPointer { $0[first...].update(repeating: Int32(truncatingIfNeeded: base)) }
            return
        }
        let size = dictionaryBytes.count
        bytes.appendUninitialized(capacity: total &+ ShortCopy.slack) { out in
            offsets.withUnsafeMutableBufferPointer { all in
                let target = out.baseAddress!
                var written = 0
                for (k, index) in indices.enumerated() {
                    let i = Int(index)
                    let from = Int(dictionaryOffsets[i]), length = Int(dictionaryOffsets[i &+ 1]) &- from
                    ShortCopy.copy(from: source + from, available: size &- from, length: length, to: target + written)
                    written &+= length
                    all[first &+ k] = Int32(truncatingIfNeeded: base &+ written)
                }
            }
            return total
        }
    }
}
