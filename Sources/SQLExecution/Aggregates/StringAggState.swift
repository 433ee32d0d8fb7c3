import Columnar

/// string_agg(value, separator): values in input order joined by the separator of the row that adds them.
final class StringAggState: AggregateState {
    var values = ContiguousArray<[UInt8]?>()

    func resize(_ count: Int) {
        if values.count < count { values.append(contentsOf: repeatElement(nil, count: count - values.count)) }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        if case .null = v.type { return }
        let separator = args.count > 1 ? args[1] : nil
        for k in 0..<rows.count {
            let r = Int(rows[k])
            if v.isNull(r) { continue }
            let g = Int(groups[k])
            if values[g] == nil {
                values[g] = v.withRow(r) { Array($0) }
                continue
            }
            if let separator, !separator.isNull(r), separator.type == .string {
                separator.withRow(r) { values[g]!.append(contentsOf: $0) }
            } else if separator == nil {
                values[g]!.append(0x2C)
            }
            v.withRow(r) { values[g]!.append(contentsOf: $0) }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        var builder = ByteVectorBuilder(.string, capacity: count)
        for g in 0..<count {
            if let bytes = values[g] { try builder.append(bytes) } else { builder.appendNull() }
        }
        return builder.finish()
    }
}
