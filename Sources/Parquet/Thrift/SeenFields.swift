/// Field ids seen while decoding a struct, to check the required ones.
public struct SeenFields: Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt64 = 0

    public init() {}

    @inline(__always)
    public init(arrayLiteral ids: Int16...) {
        for id in ids { insert(id) }
    }

    @inline(__always)
    mutating func insert(_ id: Int16) {
        if id >= 0 && id < 64 { bits |= 1 << UInt64(id) }
    }

    public func contains(_ id: Int16) -> Bool { id >= 0 && id < 64 && bits & (1 << UInt64(id)) != 0 }

    /// Throws naming the lowest-numbered field of `required` that was not seen.
    @inline(__always)
    func require(_ required: SeenFields, in name: StaticString, _ reader: CompactReader) throws {
        let missing = required.bits & ~bits
        guard missing != 0 else { return }
        throw reader.corrupt("\(name) is missing required field \(missing.trailingZeroBitCount)")
    }
}
