import Columnar

/// The meta columns a bulk insert writes, built straight as string vector bytes: one String per row was most
/// of the stream's own cost (allocation, interpolation, release).
extension HoodieBulkInsertStream {
    /// `count` copies of `value` (`_hoodie_commit_time`, `_hoodie_file_name`).
    static func repeating(_ value: String, count: Int) throws -> Vector {
        let bytes = Array(value.utf8)
        let (total, overflow) = bytes.count.multipliedReportingOverflow(by: count)
        guard !overflow, total < Int(Int32.max) else {
            throw TableFormatError(.invalidArgument, "\(count) copies of '\(value)' exceed \(Int32.max) bytes in one batch")
        }
        var offsets = ContiguousArray<Int32>(repeating: 0, count: count + 1)
        var buffer = ByteBuffer()
        bytes.withUnsafeBytes { value in
            buffer.appendUninitialized(capacity: value.count * count) { out in
                guard let base = out.baseAddress, let source = value.baseAddress else { return 0 }
                for row in 0..<count {
                    (base + row &* value.count).copyMemory(from: source, byteCount: value.count)
                    offsets[row &+ 1] = Int32(truncatingIfNeeded: (row &+ 1) &* value.count)
                }
                return total
            }
        }
        return Vector(type: .string, count: count, buffer: buffer, offsets: offsets)
    }

    /// `_hoodie_commit_seqno` for a chunk: `<prefix><seq>` for the chunk's rows, numbered from `first` in
    /// chunk order; the batch's other rows (not selected, never written) are empty.
    static func sequenceNumbers(prefix: String, rows: ContiguousArray<UInt32>, count: Int, first: Int) throws -> Vector {
        var sequence = ContiguousArray<Int>(repeating: -1, count: count)
        for (k, row) in rows.enumerated() {
            guard Int(row) < count else {
                throw TableFormatError(.invalidArgument, "bulk insert row \(row) is outside its batch of \(count) rows")
            }
            sequence[Int(row)] = first &+ k
        }
        let prefixBytes = Array(prefix.utf8)
        // Twenty digits hold any Int.
        let room = rows.count &* (prefixBytes.count &+ 20)
        guard room < Int(Int32.max) else {
            throw TableFormatError(.invalidArgument, "commit sequence numbers of \(rows.count) rows exceed \(Int32.max) bytes in one batch")
        }
        var offsets = ContiguousArray<Int32>(repeating: 0, count: count + 1)
        var buffer = ByteBuffer()
        prefixBytes.withUnsafeBytes { prefix in
            buffer.appendUninitialized(capacity: room) { out in
                guard let base = out.baseAddress?.assumingMemoryBound(to: UInt8.self), let source = prefix.baseAddress else { return 0 }
                var written = 0
                for row in 0..<count {
                    let seq = sequence[row]
                    if seq >= 0 {
                        UnsafeMutableRawPointer(base + written).copyMemory(from: source, byteCount: prefix.count)
                        written &+= prefix.count
                        written &+= writeDecimal(seq, to: base + written)
                    }
                    offsets[row &+ 1] = Int32(truncatingIfNeeded: written)
                }
                return written
            }
        }
        return Vector(type: .string, count: count, buffer: buffer, offsets: offsets)
    }

    /// Writes the decimal digits of `value` (not negative) at `out`; returns how many.
    @inline(__always)
    private static func writeDecimal(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        var v = value
        for i in stride(from: digits &- 1, through: 0, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10)
            v /= 10
        }
        return digits
    }
}
