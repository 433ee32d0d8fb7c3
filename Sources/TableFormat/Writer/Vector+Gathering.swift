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

    private func gatherFixed(_ rows: ContiguousArray<UInt32>, _ patches: [(vector: Vector, row: Int)]) throws -> (bytes: ByteBuffer, offsets: ContiguousArray<Int32>) {
        let width = type.fixedWidth ?? 0
        guard buffer.count >= count * width else { throw gatherError("\(buffer.count) bytes for \(count) rows") }
        for (vector, row) in patches where vector.buffer.count < (row + 1) * width { throw gatherError("patch row \(row) past its bytes") }
        var out = ByteBuffer(capacity: rows.count * width)
        out.appendUninitialized(capacity: rows.count * width) { target in
            guard let to = target.baseAddress else { return 0 }
            buffer.withUnsafeBytes { source in
                // Every row was checked against count and patches above, every buffer against its rows.
                for (i, row) in rows.enumerated() {
                    let r = Int(row)
                    if r < count, let from = source.baseAddress {
                        Self.copy(from + r &* width, to + i &* width, width)
                    } else if r >= count {
                        let patch = patches[r - count]
                        patch.vector.buffer.withUnsafeBytes { Self.copy($0.baseAddress! + patch.row * width, to + i &* width, width) }
                    }
                }
            }
            return rows.count * width
        }
        return (out, [])
    }

    @inline(__always)
    private static func copy(_ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer, _ width: Int) {
        switch width {
        case 8: to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
        case 4: to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
        default: to.copyMemory(from: from, byteCount: width)
        }
    }

    private func gatherBytes(_ rows: ContiguousArray<UInt32>, _ patches: [(vector: Vector, row: Int)]) throws -> (bytes: ByteBuffer, offsets: ContiguousArray<Int32>) {
        guard offsets.count >= count + 1 else { throw gatherError("\(offsets.count) offsets for \(count) rows") }
        func span(_ v: Vector, _ row: Int) throws -> Range<Int> {
            let start = Int(v.offsets[row]), end = Int(v.offsets[row + 1])
            guard start >= 0, start <= end, end <= v.buffer.count else { throw gatherError("row \(row) spans \(start)..<\(end) of \(v.buffer.count) bytes") }
            return start..<end
        }
        var out = ContiguousArray<Int32>(repeating: 0, count: rows.count + 1)
        var total = 0
        for (i, row) in rows.enumerated() {
            let r = Int(row)
            total += try r < count ? span(self, r).count : span(patches[r - count].vector, patches[r - count].row).count
            guard let end = Int32(exactly: total) else { throw gatherError("more than \(Int32.max) bytes") }
            out[i + 1] = end
        }
        var bytes = ByteBuffer(capacity: total)
        bytes.appendUninitialized(capacity: total) { target in
            guard let to = target.baseAddress else { return 0 }
            buffer.withUnsafeBytes { source in
                offsets.withUnsafeBufferPointer { from in
                    // Spans were checked in the first pass.
                    for (i, row) in rows.enumerated() {
                        let r = Int(row)
                        let length = Int(out[i + 1] &- out[i])
                        guard length > 0 else { continue }
                        if r < count, let base = source.baseAddress {
                            (to + Int(out[i])).copyMemory(from: base + Int(from[r]), byteCount: length)
                        } else if r >= count {
                            let patch = patches[r - count]
                            patch.vector.buffer.withUnsafeBytes {
                                (to + Int(out[i])).copyMemory(from: $0.baseAddress! + Int(patch.vector.offsets[patch.row]), byteCount: length)
                            }
                        }
                    }
                }
            }
            return total
        }
        return (bytes, out)
    }
}
