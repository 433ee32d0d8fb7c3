import Columnar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// approx_count_distinct: HyperLogLog with 2^10 one-byte registers per group (standard error about 3.3%),
/// the registers of all groups in one flat array. Values are hashed through their key encoding, so equal
/// SQL values (NaN, -0.0) hash alike in every type.
final class HyperLogLogState: AggregateState {
    static let precision = 10
    static let registers = 1 << precision
    var registers = ContiguousArray<UInt8>()
    var groups = 0

    func resize(_ count: Int) {
        if count > groups {
            registers.append(contentsOf: repeatElement(0, count: (count - groups) * Self.registers))
            groups = count
        }
    }

    func update(_ args: [Vector], rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>) throws {
        let v = args[0]
        let keys = KeyEncoder(columns: 1).encode([v], rows: rows)
        for k in 0..<rows.count where !v.isNull(Int(rows[k])) {
            let hash = keys.withKey(k) { KeyHash.hash($0) }
            let index = Int(hash >> UInt64(64 - Self.precision))
            let rest = (hash << UInt64(Self.precision)) | (1 << UInt64(Self.precision - 1))
            let rank = UInt8(rest.leadingZeroBitCount + 1)
            let slot = Int(groups[k]) * Self.registers + index
            if registers[slot] < rank { registers[slot] = rank }
        }
    }

    func finalize(_ count: Int) throws -> Vector {
        resize(count)
        return Vector.makeFixed(.int64, count: count, validity: nil, as: Int64.self) { out in
            for g in 0..<count { out[g] = estimate(g) }
        }
    }

    private func estimate(_ group: Int) -> Int64 {
        let m = Double(Self.registers)
        var sum = 0.0
        var zeros = 0
        for i in 0..<Self.registers {
            let r = registers[group * Self.registers + i]
            sum += 1.0 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        var e = alpha * m * m / sum
        if e <= 2.5 * m && zeros > 0 {
            e = m * log(m / Double(zeros))  // linear counting for small cardinalities
        }
        return Int64(e.rounded())
    }
}
