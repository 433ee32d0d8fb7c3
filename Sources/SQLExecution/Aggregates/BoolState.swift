import Columnar

/// bool_and / bool_or.
final class BoolState: AggregateState {
    let isAnd: Bool
    var values = ContiguousArray<UInt8>()
    var seen = SeenGroups()

    init(isAnd: Bool) { self.isAnd = isAnd }

    func resize(_ count: Int) {
        seen.resize(count)
        if values.count < count { values.append(contentsOf: repeatElement(isAnd ? 1 : 0, count: count - values.count)) }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        if case .null = v.type { return }
        v.withValues(as: UInt8.self) { x in
            for k in 0..<rows.count where !v.isNull(Int(rows[k])) {
                let g = Int(groups[k])
                values[g] = isAnd ? values[g] & x[Int(rows[k])] : values[g] | x[Int(rows[k])]
                seen.seen[g] = 1
            }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        return Vector.makeFixed(.boolean, count: count, validity: seen.validity(count), as: UInt8.self) { out in
            for g in 0..<count { out[g] = values[g] }
        }
    }
}
