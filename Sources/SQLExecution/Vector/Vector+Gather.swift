import Columnar

/// Gather (rows by index into a dense vector) and concatenation: how operators move rows without boxing.
extension Vector {
    /// Rows `rows[i]` of this vector, densely; an index of -1 gives a null row (outer join padding).
    func gather(_ rows: UnsafeBufferPointer<Int32>) -> Vector {
        let n = rows.count
        let validity = gatherValidity(rows)
        switch type {
        case .null: return Vector(type: .null, count: n)
        case .string, .binary: return gatherBytes(rows, validity: validity)
        case .list, .map: return gatherLists(rows, validity: validity)
        case .structure:
            let kids = children.map { $0.gather(rows) }
            return Vector(type: type, count: n, validity: validity, children: kids)
        default:
            let width = type.fixedWidth ?? 0
            switch width {
            case 1: return gatherFixed(rows, validity, UInt8.self)
            case 2: return gatherFixed(rows, validity, UInt16.self)
            case 4: return gatherFixed(rows, validity, UInt32.self)
            case 8: return gatherFixed(rows, validity, UInt64.self)
            case 16: return gatherFixed(rows, validity, UInt128.self)
            default: return gatherWide(rows, validity, width: width)
            }
        }
    }

    func gather(_ rows: ContiguousArray<Int32>) -> Vector {
        rows.withUnsafeBufferPointer { gather($0) }
    }

    private func gatherValidity(_ rows: UnsafeBufferPointer<Int32>) -> Validity? {
        var anyNull = false
        if validity == nil {
            for r in rows where r < 0 { anyNull = true; break }
            if !anyNull { return nil }
        }
        var out = Validity(allValid: rows.count)
        for (i, r) in rows.enumerated() where r < 0 || isNull(Int(r)) { out.set(i, valid: false) }
        return out
    }

    private func gatherFixed<T: BitwiseCopyable>(_ rows: UnsafeBufferPointer<Int32>, _ validity: Validity?, _: T.Type)
        -> Vector
    {
        withValues(as: T.self) { src in
            Vector.makeFixed(type, count: rows.count, validity: validity, as: T.self) { dst in
                for i in 0..<rows.count {
                    let r = Int(rows[i])
                    if r >= 0 { dst[i] = src[r] }
                }
            }
        }
    }

    private func gatherWide(_ rows: UnsafeBufferPointer<Int32>, _ validity: Validity?, width: Int) -> Vector {
        var buffer = ByteBuffer(capacity: rows.count * width)
        buffer.resize(rows.count * width)
        self.buffer.withUnsafeBytes { src in
            buffer.withUnsafeMutableBufferPointer(as: UInt8.self) { dst in
                for (i, r) in rows.enumerated() where r >= 0 {
                    for b in 0..<width { dst[i * width + b] = src[Int(r) * width + b] }
                }
            }
        }
        return Vector(type: type, count: rows.count, validity: validity, buffer: buffer)
    }

    private func gatherBytes(_ rows: UnsafeBufferPointer<Int32>, validity: Validity?) -> Vector {
        var out = ContiguousArray<Int32>(repeating: 0, count: rows.count + 1)
        var bytes = ByteBuffer()
        withBytes { reader in
            var total = 0
            for r in rows where r >= 0 { total += reader.row(Int(r)).count }
            bytes = ByteBuffer(capacity: total)
            // One reservation, then plain copies: no per-row capacity check or call into Columnar.
            out.withUnsafeMutableBufferPointer { offsets in
                bytes.appendUninitialized(capacity: total) { target in
                    var at = 0
                    for i in 0..<rows.count {
                        let r = Int(rows[i])
                        if r >= 0 {
                            let source = reader.row(r)
                            if let base = source.baseAddress, let into = target.baseAddress {
                                (into + at).copyMemory(from: base, byteCount: source.count)
                            }
                            at += source.count
                        }
                        offsets[i + 1] = Int32(truncatingIfNeeded: at)
                    }
                    return at
                }
            }
        }
        return Vector(type: type, count: rows.count, validity: validity, buffer: bytes, offsets: out)
    }

    private func gatherLists(_ rows: UnsafeBufferPointer<Int32>, validity: Validity?) -> Vector {
        var childRows = ContiguousArray<Int32>()
        var out = ContiguousArray<Int32>(repeating: 0, count: rows.count + 1)
        for (i, r) in rows.enumerated() {
            if r >= 0 { for c in childRange(at: Int(r)) { childRows.append(Int32(c)) } }
            out[i + 1] = Int32(childRows.count)
        }
        let kids = children.map { $0.gather(childRows) }
        return Vector(type: type, count: rows.count, validity: validity, offsets: out, children: kids)
    }

    /// `parts` one after another (all of `type`), their buffers sized once up front: the build side of a
    /// join is collected this way rather than by repeated appends, which copy on every doubling.
    static func concatenating(_ parts: [Vector], type: DataType) throws -> Vector {
        var out = Vector.empty(type)
        if !type.isNested {
            out.buffer.reserve(parts.reduce(0) { $0 + $1.buffer.count })
            if type.isVariableWidth { out.offsets.reserveCapacity(parts.reduce(1) { $0 + $1.count }) }
        }
        for part in parts { try out.append(contentsOf: part) }
        return out
    }

    /// These rows followed by `other`'s (same type). Throws when string or list offsets would pass Int32.
    mutating func append(contentsOf other: Vector) throws {
        let base = count
        let total = type.isVariableWidth ? buffer.count + other.buffer.count : (offsets.last.map(Int.init) ?? 0) + (other.offsets.last.map(Int.init) ?? 0)
        guard total <= Int(Int32.max) else {
            throw ExecutionError(.outOfRange, "A \(type.sqlName) vector would exceed 2^31 bytes or elements (\(total))")
        }
        if other.validity != nil || validity != nil {
            var merged = Validity.ensure(validity, count: base)
            merged.resize(base + other.count)
            if let theirs = other.validity {
                for r in 0..<other.count where !theirs.isValid(r) { merged.set(base + r, valid: false) }
            }
            validity = merged
        }
        switch type {
        case .null: break
        case .string, .binary:
            let shift = offsets[offsets.count - 1]
            buffer.append(contentsOf: other.buffer.bytes(0..<other.buffer.count))
            for i in 1..<other.offsets.count { offsets.append(other.offsets[i] &+ shift) }
        case .list, .map:
            let shift = offsets[offsets.count - 1]
            for i in 1..<other.offsets.count { offsets.append(other.offsets[i] &+ shift) }
            for c in children.indices { try children[c].append(contentsOf: other.children[c]) }
        case .structure:
            for c in children.indices { try children[c].append(contentsOf: other.children[c]) }
        default:
            other.buffer.withUnsafeBytes { buffer.append(raw: $0) }
        }
        count += other.count
    }
}

extension Batch {
    /// The live rows as a dense batch without a selection.
    public func compacted() -> Batch {
        guard let selection else { return self }
        let rows = ContiguousArray<Int32>.rows(selection)
        return Batch(schema: schema, columns: columns.map { $0.gather(rows) }, count: rows.count)
    }

    /// True when the selection (if any) is strictly ascending, which kernels writing aligned output rely on.
    /// Every operator asks once per batch, so the check is one branch-free pass (it vectorizes).
    var hasOrderedSelection: Bool {
        guard let indices = selection?.indices else { return true }
        return indices.withUnsafeBufferPointer { rows in
            guard rows.count > 1, let base = rows.baseAddress else { return true }
            // Raw pointer steps: a range loop over the buffer keeps a bounds check that stops vectorization.
            var unordered: UInt32 = 0, k = 1
            while k < rows.count {
                unordered |= base[k] <= base[k &- 1] ? 1 : 0
                k &+= 1
            }
            return unordered == 0
        }
    }

    /// Calls `body` with the physical index of every live row, in order.
    @inline(__always)
    func forEachRow(_ body: (Int) throws -> Void) rethrows {
        if let selection {
            try selection.indices.withUnsafeBufferPointer { sel in
                for i in sel { try body(Int(i)) }
            }
        } else {
            for i in 0..<count { try body(i) }
        }
    }

    /// The physical indices of the live rows.
    var liveRows: ContiguousArray<Int32> {
        if let selection { return ContiguousArray<Int32>.rows(selection) }
        return ContiguousArray<Int32>.rows(0..<count)
    }
}

extension ContiguousArray where Element == Int32 {
    /// The row indices `range`, written in one pass: a lazy map copies through the generic sequence path,
    /// element by element, which every operator paid on every batch.
    static func rows(_ range: Range<Int>) -> ContiguousArray<Int32> {
        ContiguousArray(unsafeUninitializedCapacity: range.count) { out, initialized in
            var value = Int32(truncatingIfNeeded: range.lowerBound)
            for i in 0..<range.count {
                out[i] = value
                value &+= 1
            }
            initialized = range.count
        }
    }

    /// A selection's indices as row indices.
    static func rows(_ selection: SelectionVector) -> ContiguousArray<Int32> {
        selection.indices.withUnsafeBufferPointer { indices in
            ContiguousArray(unsafeUninitializedCapacity: indices.count) { out, initialized in
                for i in 0..<indices.count { out[i] = Int32(bitPattern: indices[i]) }
                initialized = indices.count
            }
        }
    }
}
