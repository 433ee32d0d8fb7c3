import Columnar

/// One leaf column of a batch, shredded: its levels and where its non-null values are.
struct ShreddedLeaf: Sendable {
    /// One entry per level; empty when the leaf's max definition level is 0.
    var definitionLevels: ContiguousArray<Int16> = []
    /// One entry per level; empty when the leaf's max repetition level is 0.
    var repetitionLevels: ContiguousArray<Int16> = []
    /// Level entries (nulls and empty lists included).
    var levelCount = 0
    /// The leaf vector the values come from.
    var values: Vector
    /// Rows of `values` holding the non-null values, in order; nil means rows 0..<valueCount.
    var valueRows: ContiguousArray<Int32>?
    var valueCount = 0
}

/// Dremel shredding: nested vectors -> per-leaf (definition levels, repetition levels, non-null values).
///
/// Works on "slots": positions in a vector that still need visiting, each with the definition level reached
/// so far and its repetition level. A slot with row -1 is terminal (a null or empty list above this node);
/// it is passed down unchanged so every leaf below emits its level.
struct Shredder {
    private struct Slots {
        var rows: ContiguousArray<Int32> = []
        var def: ContiguousArray<Int16> = []
        var rep: ContiguousArray<Int16> = []
        var count: Int { rows.count }
    }

    private(set) var leaves: [ShreddedLeaf] = []
    private let descriptors: [LeafDescriptor]

    init(descriptors: [LeafDescriptor]) { self.descriptors = descriptors }

    /// Shreds the top-level `column` of `field` at `rows` (nil = every row), appending its leaves.
    mutating func shred(_ column: Vector, field: Field, rows: ContiguousArray<Int32>?) throws {
        if !field.type.isNested, case let descriptor = descriptors[leaves.count], descriptor.maxRepetitionLevel == 0 {
            try leaves.append(Self.flat(column, descriptor: descriptor, nullable: field.nullable, rows: rows))
            return
        }
        var slots = Slots()
        let n = rows?.count ?? column.count
        slots.rows = rows ?? ContiguousArray((0..<n).lazy.map { Int32($0) })
        slots.def = ContiguousArray(repeating: 0, count: n)
        slots.rep = ContiguousArray(repeating: 0, count: n)
        try visit(column, nullable: field.nullable, slots: slots, repDepth: 0, name: field.name)
    }

    /// A top-level primitive: no repetition, definition levels straight from the validity bitmap.
    private static func flat(_ v: Vector, descriptor: LeafDescriptor, nullable: Bool, rows: ContiguousArray<Int32>?) throws -> ShreddedLeaf {
        var leaf = ShreddedLeaf(values: v)
        let n = rows?.count ?? v.count
        leaf.levelCount = n
        if case .null = v.type {
            leaf.definitionLevels = ContiguousArray(repeating: 0, count: n)
            leaf.valueRows = []
            return leaf
        }
        guard let validity = v.validity, v.nullCount > 0 else {
            if descriptor.maxDefinitionLevel > 0 { leaf.definitionLevels = ContiguousArray(repeating: 1, count: n) }
            leaf.valueRows = rows
            leaf.valueCount = n
            return leaf
        }
        var def = ContiguousArray<Int16>(repeating: 0, count: n)
        var valueRows = ContiguousArray<Int32>()
        valueRows.reserveCapacity(n)
        for i in 0..<n {
            let row = rows.map { Int($0[i]) } ?? i
            if validity.isValid(row) {
                def[i] = 1
                valueRows.append(Int32(row))
            } else if !nullable {
                throw ParquetError(.invalidArgument, "column \(descriptor.pathString): null in a non-nullable field at row \(row)")
            }
        }
        if nullable { leaf.definitionLevels = def }
        leaf.valueCount = valueRows.count
        leaf.valueRows = valueRows
        return leaf
    }

    private mutating func visit(_ v: Vector, nullable: Bool, slots input: Slots, repDepth: Int16, name: String) throws {
        var slots = input
        try applyNulls(v, nullable: nullable, slots: &slots, name: name)
        switch v.type {
        case .structure(let fields):
            guard v.children.count == fields.count else { throw malformed(name, "struct children") }
            for (child, field) in zip(v.children, fields) {
                guard child.count >= v.count else { throw malformed(name + "." + field.name, "struct child length") }
                try visit(child, nullable: field.nullable, slots: slots, repDepth: repDepth, name: name + "." + field.name)
            }
        case .list(let element):
            guard v.children.count == 1 else { throw malformed(name, "list child") }
            let inner = try expand(v, slots: slots, repDepth: repDepth, name: name)
            try visit(v.children[0], nullable: element.nullable, slots: inner, repDepth: repDepth + 1, name: name + ".element")
        case .map(_, let value):
            guard v.children.count == 2, v.children[1].count >= v.children[0].count else { throw malformed(name, "map children") }
            let inner = try expand(v, slots: slots, repDepth: repDepth, name: name)
            try visit(v.children[0], nullable: false, slots: inner, repDepth: repDepth + 1, name: name + ".key")
            try visit(v.children[1], nullable: value.nullable, slots: inner, repDepth: repDepth + 1, name: name + ".value")
        default:
            emitLeaf(v, slots: slots)
        }
    }

    /// Marks null rows terminal (an optional node) or rejects them (a required one).
    private func applyNulls(_ v: Vector, nullable: Bool, slots: inout Slots, name: String) throws {
        let isNullType: Bool = if case .null = v.type { true } else { false }
        if !nullable && !isNullType {
            guard v.nullCount > 0 else { return }
            for i in 0..<slots.count where slots.rows[i] >= 0 && v.isNull(Int(slots.rows[i])) {
                throw ParquetError(.invalidArgument, "column \(name): null in a non-nullable field at row \(slots.rows[i])")
            }
            return
        }
        for i in 0..<slots.count where slots.rows[i] >= 0 {
            let row = Int(slots.rows[i])
            guard row < v.count else { throw malformed(name, "row \(row) beyond \(v.count) rows") }
            if v.isNull(row) { slots.rows[i] = -1 } else { slots.def[i] &+= 1 }
        }
    }

    /// One slot per list or map entry; empty and null lists stay as terminal slots.
    private func expand(_ v: Vector, slots: Slots, repDepth: Int16, name: String) throws -> Slots {
        guard v.offsets.count >= v.count + 1 else { throw malformed(name, "offsets") }
        let childCount = v.children[0].count
        var out = Slots()
        out.rows.reserveCapacity(slots.count)
        out.def.reserveCapacity(slots.count)
        out.rep.reserveCapacity(slots.count)
        for i in 0..<slots.count {
            let row = Int(slots.rows[i])
            let start = row >= 0 ? Int(v.offsets[row]) : 0
            let end = row >= 0 ? Int(v.offsets[row + 1]) : 0
            if row < 0 || start == end {
                out.rows.append(-1)
                out.def.append(slots.def[i])
                out.rep.append(slots.rep[i])
                continue
            }
            guard start >= 0, start < end, end <= childCount else { throw malformed(name, "offsets \(start)..<\(end) at row \(row)") }
            for k in start..<end {
                out.rows.append(Int32(k))
                out.def.append(slots.def[i] &+ 1)
                out.rep.append(k == start ? slots.rep[i] : repDepth &+ 1)
            }
        }
        return out
    }

    private mutating func emitLeaf(_ v: Vector, slots: Slots) {
        let descriptor = descriptors[leaves.count]
        var leaf = ShreddedLeaf(values: v)
        leaf.levelCount = slots.count
        if descriptor.maxDefinitionLevel > 0 { leaf.definitionLevels = slots.def }
        if descriptor.maxRepetitionLevel > 0 { leaf.repetitionLevels = slots.rep }
        var rows = ContiguousArray<Int32>()
        rows.reserveCapacity(slots.count)
        for row in slots.rows where row >= 0 { rows.append(row) }
        leaf.valueCount = rows.count
        leaf.valueRows = rows
        leaves.append(leaf)
    }

    private func malformed(_ name: String, _ what: String) -> ParquetError {
        ParquetError(.invalidArgument, "column \(name): malformed vector (\(what))")
    }
}
