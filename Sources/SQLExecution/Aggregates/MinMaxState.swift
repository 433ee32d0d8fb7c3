import Columnar

/// min / max: typed per-group arrays for fixed-width types, byte strings for VARCHAR and BLOB.
enum MinMaxState {
    static func make(_ input: DataType, isMax: Bool) throws -> AggregateState {
        if isFixedKernelType(input) { return try visitFixed(input, Factory(type: input, isMax: isMax)) }
        switch input {
        case .string, .binary, .null: return BytesMinMaxState(type: input, isMax: isMax)
        default: throw ExecutionError.mismatch("No function matches '\(isMax ? "max" : "min")(\(input.sqlName))'")
        }
    }

    private struct Factory: FixedWidthVisitor {
        let type: DataType, isMax: Bool
        func visitInteger<T: FixedWidthInteger & SQLOrdered>(_: T.Type) throws -> AggregateState {
            FixedMinMaxState<T>(type: type, isMax: isMax)
        }
        func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_: T.Type) throws -> AggregateState {
            FixedMinMaxState<T>(type: type, isMax: isMax)
        }
    }
}

final class FixedMinMaxState<T: SQLOrdered>: AggregateState {
    let type: DataType
    let isMax: Bool
    var values = ContiguousArray<T>()
    var seen = SeenGroups()

    init(type: DataType, isMax: Bool) {
        self.type = type
        self.isMax = isMax
    }

    func resize(_ count: Int) {
        seen.resize(count)
        if values.count < count {
            let zero = ContiguousArray<UInt8>(repeating: 0, count: MemoryLayout<T>.stride)
            let filler = zero.withUnsafeBytes { $0.load(as: T.self) }
            values.append(contentsOf: repeatElement(filler, count: count - values.count))
        }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        v.withValues(as: T.self) { x in
            for k in 0..<rows.count {
                let r = Int(rows[k])
                if v.isNull(r) { continue }
                let g = Int(groups[k])
                let candidate = x[r]
                if seen.seen[g] == 0 || (isMax ? T.sqlLess(values[g], candidate) : T.sqlLess(candidate, values[g])) {
                    values[g] = candidate
                    seen.seen[g] = 1
                }
            }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        return Vector.makeFixed(type, count: count, validity: seen.validity(count), as: T.self) { out in
            for g in 0..<count { out[g] = values[g] }
        }
    }
}

final class BytesMinMaxState: AggregateState {
    let type: DataType
    let isMax: Bool
    var values = ContiguousArray<[UInt8]?>()

    init(type: DataType, isMax: Bool) {
        self.type = type
        self.isMax = isMax
    }

    func resize(_ count: Int) {
        if values.count < count { values.append(contentsOf: repeatElement(nil, count: count - values.count)) }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        if case .null = v.type { return }
        v.withBytes { reader in
            for k in 0..<rows.count {
                let r = Int(rows[k])
                if v.isNull(r) { continue }
                let g = Int(groups[k])
                let candidate = reader.row(r)
                let better: Bool
                if let current = values[g] {
                    let c = current.withUnsafeBytes { ComparisonKernels.compareRaw(candidate, $0) }
                    better = isMax ? c > 0 : c < 0
                } else {
                    better = true
                }
                if better { values[g] = Array(candidate) }
            }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        if case .null = type { return Vector(type: .null, count: count) }
        var builder = ByteVectorBuilder(type, capacity: count)
        for g in 0..<count {
            if let bytes = values[g] { try builder.append(bytes) } else { builder.appendNull() }
        }
        return builder.finish()
    }
}
