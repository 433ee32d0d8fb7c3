import Columnar

extension Vector {
    /// Row i taken from `sources[pick[i]]` at row i (all sources aligned, of one type); a pick of -1 is NULL.
    /// CASE, COALESCE, NULLIF and GREATEST merge their branches with this.
    static func choose(_ sources: [Vector], pick: ContiguousArray<Int32>, type: DataType) throws -> Vector {
        let n = pick.count
        var validity = Validity(allValid: n)
        for i in 0..<n {
            let s = Int(pick[i])
            if s < 0 || sources[s].isNull(i) { validity.set(i, valid: false) }
        }
        let finalValidity: Validity? = validity.nullCount(n) == 0 ? nil : validity
        if let width = type.fixedWidth, width > 0, !type.isNested, [1, 2, 4, 8, 16].contains(width) {
            var out: Vector
            switch width {
            case 1: out = chooseFixed(sources, pick, type, UInt8.self)
            case 2: out = chooseFixed(sources, pick, type, UInt16.self)
            case 4: out = chooseFixed(sources, pick, type, UInt32.self)
            case 8: out = chooseFixed(sources, pick, type, UInt64.self)
            default: out = chooseFixed(sources, pick, type, UInt128.self)
            }
            out.validity = finalValidity
            return out
        }
        if case .null = type { return Vector(type: .null, count: n) }
        // Variable width and nested: concatenate the branches and gather.
        var all = Vector.empty(type)
        for s in sources { try all.append(contentsOf: s) }
        var rows = ContiguousArray<Int32>(repeating: -1, count: n)
        for i in 0..<n where pick[i] >= 0 { rows[i] = pick[i] * Int32(n) + Int32(i) }
        var out = all.gather(rows)
        out.validity = finalValidity
        return out
    }

    private static func chooseFixed<T: BitwiseCopyable>(
        _ sources: [Vector], _ pick: ContiguousArray<Int32>, _ type: DataType, _: T.Type
    ) -> Vector {
        makeFixed(type, count: pick.count, validity: nil, as: T.self) { out in
            for (s, source) in sources.enumerated() {
                source.withValues(as: T.self) { src in
                    for i in 0..<pick.count where pick[i] == Int32(s) { out[i] = src[i] }
                }
            }
        }
    }
}
