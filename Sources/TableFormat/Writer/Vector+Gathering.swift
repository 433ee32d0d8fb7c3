import Columnar

extension Vector {
    /// Whether `gathering` can build vectors of `type`: fixed-width, string and binary columns.
    static func canGather(_ type: DataType) -> Bool {
        type.isVariableWidth || (type.fixedWidth ?? 0) > 0
    }

    /// A vector of `rows.count` rows, copied once: row i is this vector's row `rows[i]`, or for `rows[i] >=
    /// count`, `patches[rows[i] - count]`, a row of another vector of this type (an update written in its old
    /// record's place). Throws for a type `canGather` refuses, another type among the patches, or a row or
    /// byte range outside its vector.
    func gathering(_ rows: ContiguousArray<UInt32>, patches: [(vector: Vector, row: Int)]) throws -> Vector {
        guard Vector.canGather(type) else { throw gatherError("\(type) columns are not gathered") }
        for (vector, row) in patches where vector.type != type || row < 0 || row >= vector.count {
            throw gatherError("patch row \(row) of a \(vector.count)-row \(vector.type) vector")
        }
        if let bad = rows.first(where: { Int($0) >= count + patches.count }) { throw gatherError("row \(bad)") }
        let buffer = try type.isVariableWidth ? gatherBytes(rows, patches) : gatherFixed(rows, patches)
        var validity: Validity?
        if self.validity != nil || patches.contains(where: { $0.vector.isNull($0.row) }) {
            var bits = Validity(allValid: rows.count)
            for (i, row) in rows.enumerated() {
                let r = Int(row)
                let null = r < count ? isNull(r) : patches[r - count].vector.isNull(patches[r - count].row)
                if null { bits.set(i, valid: false) }
            }
            validity = bits
        }
        return Vector(type: type, count: rows.count, validity: validity, buffer: buffer.bytes, offsets: buffer.offsets)
    }

    private func gatherError(_ what: String) -> TableFormatError {
        TableFormatError(.schemaMismatch, "merging an update into a \(count)-row \(type) column: \(what)")
    }

    /// Runs of consecutive rows of this vector (`rows[start..<end]` are `first`, `first + 1`, ...), or single
    /// patch rows: kept rows come in order, so a batch is a few runs around its updates, each copied at once.
    private func forEachRun(_ rows: ContiguousArray<UInt32>, _ body: (_ start: Int, _ end: Int, _ first: Int) -> Void) {
        var i = 0
        while i < rows.count {
            let first = Int(rows[i])
            var end = i &+ 1
            if first < count {
                while end < rows.count, Int(rows[end]) == first &+ (end &- i), Int(rows[end]) < count { end &+= 1 }
            }
            body(i, end, first)
            i = end
        }
    }

    private func gatherFixed(_ rows: ContiguousArray<UInt32>, _ patches: [(vector: Vector, row: Int)]) throws -> (bytes: ByteBuffer, offsets: ContiguousArray<Int32>) {
        let width = type.fixedWidth ?? 0
        guard buffer.count >= count * width else { throw gatherError("\(buffer.count) bytes for \(count) rows") }
        for (vector, row) in patches where vector.buffer.count < (row + 1) * width { throw gatherError("patch row \(row) past its bytes") }
        var out = ByteBuffer(capacity: rows.count * width)
        out.appendUninitialized(capacity: rows.count * width) { target in
            guard let to = target.baseAddress else { return 0 }
            buffer.withUnsafeBytes { source in
                // Every row was checked against count and patches above, every buffer against its rows.
                forEachRun(rows) { start, end, first in
                    if first < count, let from = source.baseAddress {
                        (to + start &* width).copyMemory(from: from + first &* width, byteCount: (end &- start) &* width)
                    } else if first >= count {
                        let patch = patches[first - count]
                        patch.vector.buffer.withUnsafeBytes {
                            (to + start &* width).copyMemory(from: $0.baseAddress! + patch.row * width, byteCount: width)
                        }
                    }
                }
            }
            return rows.count * width
        }
        return (out, [])
    }

    private func gatherBytes(_ rows: ContiguousArray<UInt32>, _ patches: [(vector: Vector, row: Int)]) throws -> (bytes: ByteBuffer, offsets: ContiguousArray<Int32>) {
        try checkOffsets()
        for (vector, row) in patches { try vector.checkOffsets(row: row) }
        var out = ContiguousArray<Int32>(repeating: 0, count: rows.count + 1)
        var total = 0
        offsets.withUnsafeBufferPointer { from in
            out.withUnsafeMutableBufferPointer { to in
                // Offsets were checked: in order, inside the buffer; each run's are this vector's, shifted.
                forEachRun(rows) { start, end, first in
                    if first < count {
                        let shift = total &- Int(from[first])
                        for k in start..<end { to[k &+ 1] = Int32(truncatingIfNeeded: Int(from[first &+ (k &- start) &+ 1]) &+ shift) }
                        // Kept as Int: a sum past Int32 is caught below, not wrapped.
                        total &+= Int(from[first &+ (end &- start)]) &- Int(from[first])
                    } else {
                        let patch = patches[first - count]
                        total &+= Int(patch.vector.offsets[patch.row + 1] &- patch.vector.offsets[patch.row])
                        to[end] = Int32(truncatingIfNeeded: total)
                    }
                }
            }
        }
        guard total <= Int(Int32.max) else { throw gatherError("more than \(Int32.max) bytes") }
        var bytes = ByteBuffer(capacity: total)
        bytes.appendUninitialized(capacity: total) { target in
            guard let to = target.baseAddress else { return 0 }
            buffer.withUnsafeBytes { source in
                offsets.withUnsafeBufferPointer { from in
                    forEachRun(rows) { start, end, first in
                        let length = Int(out[end] &- out[start])
                        guard length > 0 else { return }
                        if first < count, let base = source.baseAddress {
                            (to + Int(out[start])).copyMemory(from: base + Int(from[first]), byteCount: length)
                        } else if first >= count {
                            let patch = patches[first - count]
                            patch.vector.buffer.withUnsafeBytes {
                                (to + Int(out[start])).copyMemory(from: $0.baseAddress! + Int(patch.vector.offsets[patch.row]), byteCount: length)
                            }
                        }
                    }
                }
            }
            return total
        }
        return (bytes, out)
    }

    /// String and binary offsets that a gather may trust: `count + 1` of them, in order, inside the buffer (or,
    /// with `row`, those of that row only).
    private func checkOffsets(row: Int? = nil) throws {
        guard offsets.count >= count + 1 else { throw gatherError("\(offsets.count) offsets for \(count) rows") }
        let range = row.map { $0...($0 + 1) } ?? 0...count
        let ok = offsets.withUnsafeBufferPointer { o -> Bool in
            guard o[range.lowerBound] >= 0, Int(o[range.upperBound]) <= buffer.count else { return false }
            var inOrder = true
            for i in range.dropLast() { inOrder = inOrder && o[i] <= o[i &+ 1] }
            return inOrder
        }
        guard ok else { throw gatherError("offsets out of order or past the \(buffer.count) bytes") }
    }
}
