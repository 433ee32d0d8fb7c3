import Columnar

/// `array_agg(x [ORDER BY ...])` / `list`, and `string_agg(x, sep ORDER BY ...)`: keeps every input row (value,
/// separator) with its group and its encoded ORDER BY key, and orders each group's rows when it finalizes.
/// Ties keep input order (the sort is stable), so without ORDER BY the rows come in input order.
/// array_agg keeps NULL elements and gives NULL for a group without rows, as DuckDB does; string_agg skips NULLs.
final class CollectState: AggregateState {
    enum Output { case list, string }

    let output: Output
    private let encoder: KeyEncoder?
    private var values: Vector
    private var separators: Vector
    private var groupOf = ContiguousArray<Int32>()
    private var keyBytes = ContiguousArray<UInt8>()
    private var keyOffsets: ContiguousArray<Int32> = [0]

    /// `keyOrders` are the orders of the trailing ORDER BY arguments.
    init(_ output: Output, valueType: DataType, keyOrders: [SortOrder]) {
        self.output = output
        encoder = keyOrders.isEmpty ? nil : KeyEncoder(keyOrders)
        values = Vector.empty(valueType)
        separators = Vector.empty(.string)
    }

    /// Where the ORDER BY arguments start: after the value, and the separator for string_agg.
    private var keyStart: Int { output == .string ? 2 : 1 }

    var heldBytes: Int {
        values.byteSize + separators.byteSize + keyBytes.count + (keyOffsets.count + groupOf.count) * 4
    }

    /// Rows carry their group id, so there is nothing to size per group.
    func resize(_ count: Int) {}

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        guard !rows.isEmpty else { return }
        try values.append(contentsOf: args[0].gather(rows))
        if output == .string { try separators.append(contentsOf: args[1].gather(rows)) }
        if let encoder {
            let keys = encoder.encode(Array(args[keyStart...]), rows: rows)
            guard keyBytes.count + keys.bytes.count <= Int(Int32.max) else {
                throw ExecutionError(.outOfRange, "ORDER BY keys of an ordered aggregate exceed 2^31 bytes")
            }
            let shift = keyOffsets[keyOffsets.count - 1]
            keyBytes.append(contentsOf: keys.bytes)
            for i in 1..<keys.offsets.count { keyOffsets.append(keys.offsets[i] &+ shift) }
        }
        groupOf.append(contentsOf: groups)
    }

    func finalize(_ count: Int) throws -> Vector {
        let order = sortedRows()
        switch output {
        case .list: return try lists(order, count)
        case .string: return try strings(order, count)
        }
    }

    /// Row indices ordered by group, then key, then input position.
    private func sortedRows() -> ContiguousArray<Int32> {
        var order = ContiguousArray<Int32>(0..<Int32(groupOf.count))
        keyBytes.withUnsafeBytes { bytes in
            order.sort { a, b in
                let ga = groupOf[Int(a)], gb = groupOf[Int(b)]
                if ga != gb { return ga < gb }
                if encoder != nil {
                    let ka = UnsafeRawBufferPointer(rebasing: bytes[Int(keyOffsets[Int(a)])..<Int(keyOffsets[Int(a) + 1])])
                    let kb = UnsafeRawBufferPointer(rebasing: bytes[Int(keyOffsets[Int(b)])..<Int(keyOffsets[Int(b) + 1])])
                    if !ka.elementsEqual(kb) { return ka.lexicographicallyPrecedes(kb) }
                }
                return a < b
            }
        }
        return order
    }

    private func lists(_ order: ContiguousArray<Int32>, _ count: Int) throws -> Vector {
        var offsets = ContiguousArray<Int32>(repeating: 0, count: count + 1)
        for g in groupOf where Int(g) < count { offsets[Int(g) + 1] &+= 1 }
        var validity = Validity(allValid: count)
        for g in 0..<count {
            if offsets[g + 1] == 0 { validity.set(g, valid: false) }
            offsets[g + 1] &+= offsets[g]
        }
        let type = DataType.list(Field("element", values.type))
        return Vector(type: type, count: count, validity: validity, offsets: offsets, children: [values.gather(order)])
    }

    private func strings(_ order: ContiguousArray<Int32>, _ count: Int) throws -> Vector {
        var builder = ByteVectorBuilder(.string, capacity: count)
        var current = [UInt8](), started = false, group = 0
        func close(through g: Int) throws {
            while group < g {
                if started { try builder.append(current) } else { builder.appendNull() }
                current.removeAll(keepingCapacity: true)
                started = false
                group += 1
            }
        }
        for row in order {
            let r = Int(row)
            try close(through: Int(groupOf[r]))
            if values.isNull(r) { continue }
            if started, !separators.isNull(r) { separators.withRow(r) { current.append(contentsOf: $0) } }
            values.withRow(r) { current.append(contentsOf: $0) }
            started = true
        }
        try close(through: count)
        return builder.finish()
    }
}
