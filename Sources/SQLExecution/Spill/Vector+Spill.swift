import Columnar

/// The raw layout a spill file keeps a vector in: row count, validity words (count 0 = all valid), buffer
/// bytes, offsets, then the children; every part is length-prefixed. The type is not written: the reader
/// knows it from the schema.
extension Vector {
    func serialize(into out: inout ByteBuffer) {
        out.append(Int64(count))
        let words = validity?.words ?? []
        out.append(Int64(words.count))
        words.withUnsafeBytes { out.append(raw: $0) }
        out.append(Int64(buffer.count))
        buffer.withUnsafeBytes { out.append(raw: $0) }
        out.append(Int64(offsets.count))
        offsets.withUnsafeBytes { out.append(raw: $0) }
        out.append(Int64(children.count))
        for child in children { child.serialize(into: &out) }
    }

    static func deserialize(_ type: DataType, from source: inout SpillSource) throws -> Vector {
        let count = try source.count()
        let wordCount = try source.count()
        guard wordCount == 0 || wordCount == Validity.wordCount(count) else {
            throw ExecutionError(.io, "spill file \(source.path): \(wordCount) validity words for \(count) rows")
        }
        let words = try source.array(wordCount, of: UInt64.self)
        var buffer = ByteBuffer()
        try source.bytes(source.count(), into: &buffer)
        let offsets = try source.array(source.count(), of: Int32.self)
        let childTypes = Vector.empty(type).children.map(\.type)
        guard try source.count() == childTypes.count else {
            throw ExecutionError(.io, "spill file \(source.path): child count differs from \(type)")
        }
        let children = try childTypes.map { try deserialize($0, from: &source) }
        return Vector(type: type, count: count, validity: wordCount == 0 ? nil : Validity(words: words),
                      buffer: buffer, offsets: offsets, children: children)
    }

    /// Bytes the vector holds (buffers, offsets, validity, children), for memory budgets.
    var byteSize: Int {
        buffer.count + offsets.count * 4 + (validity?.words.count ?? 0) * 8
            + children.reduce(0) { $0 + $1.byteSize }
    }
}
