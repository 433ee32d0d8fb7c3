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
