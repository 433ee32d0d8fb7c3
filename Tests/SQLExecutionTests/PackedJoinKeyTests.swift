import Columnar
import Testing
@testable import SQLExecution

/// Hash joins on integer keys packed into one word (`PackedKeys`) must match exactly what the nested-loop
/// join finds, for every join type, with several key columns, negative values, duplicates and NULLs, and
/// with a selection vector on the probe side.
@Suite struct PackedJoinKeyTests {
    static let schema = Schema([Field("a", .int16), Field("b", .int32), Field("c", .int64)])

    static func rows(_ count: Int, seed: UInt64) -> [[Value]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let a: Value = Int.random(in: 0..<10, using: &random) == 0 ? .null : .int(Int64.random(in: -3...3, using: &random))
            let b: Value = .int(Int64.random(in: -2...2, using: &random) * 1_000_000)
            return [a, b, .int(Int64.random(in: -5...5, using: &random))]
        }
    }

    static func sorted(_ rows: [[Value]]) -> [String] { rows.map { "\($0)" }.sorted() }

    func hash(_ type: JoinType, keys: [Int], probe: [[Value]], build: [[Value]]) throws -> [[Value]] {
        let fields = Self.schema.fields
        let op = try PhysicalHashJoin(
            probe: PhysicalValues(schema: Self.schema, rows: probe), build: PhysicalValues(schema: Self.schema, rows: build),
            type: type, probeKeys: keys.map { col($0, fields[$0].type) }, buildKeys: keys.map { col($0, fields[$0].type) })
        return try drain(op)
    }

    func nestedLoop(_ type: JoinType, keys: [Int], probe: [[Value]], build: [[Value]]) throws -> [[Value]] {
        let fields = Self.schema.fields
        let equalities = try keys.map {
            try PhysicalExpression.compare(.equal, col($0, fields[$0].type), col($0 + 3, fields[$0].type))
        }
        let condition = equalities.count == 1 ? equalities[0] : .and(equalities)
        let op = try PhysicalNestedLoopJoin(
            probe: PhysicalValues(schema: Self.schema, rows: probe), build: PhysicalValues(schema: Self.schema, rows: build),
            type: type, condition: condition)
        return try drain(op)
    }

    @Test(arguments: [JoinType.inner, .left, .right, .full, .semi, .anti])
    func packedKeysMatchNestedLoop(type: JoinType) throws {
        #expect(PackedKeys.fit([.int16, .int32]) && PackedKeys.fit([.int64]) && PackedKeys.fit([.date, .int32]))
        let probe = Self.rows(300, seed: 1), build = Self.rows(200, seed: 2)
        for keys in [[0], [1], [2], [0, 1]] {
            let expected = try nestedLoop(type, keys: keys, probe: probe, build: build)
            #expect(Self.sorted(try hash(type, keys: keys, probe: probe, build: build)) == Self.sorted(expected))
        }
    }

    @Test(arguments: [JoinType.inner, .left, .full, .anti])
    func keysUpTo16BytesPackIntoTwoWords(type: JoinType) throws {
        #expect(!PackedKeys.fit([.int64, .int32]) && PackedKeys.width([.int64, .int32]) == 12)
        #expect(PackedKeys.width([.float64]) == nil && PackedKeys.width([.string]) == nil)
        let probe = Self.rows(150, seed: 3), build = Self.rows(100, seed: 4)
        for keys in [[1, 2], [0, 1, 2]] {
            let expected = try nestedLoop(type, keys: keys, probe: probe, build: build)
            #expect(Self.sorted(try hash(type, keys: keys, probe: probe, build: build)) == Self.sorted(expected))
        }
    }

    /// A build side big enough for a `KeyRangeFilter` (every other key of a dense range): probe keys inside
    /// the range but absent, below it and above it all miss; present ones match every duplicate.
    @Test func largeBuildSideFiltersByKeyRange() throws {
        let schema = Schema([Field("k", .int64)])
        let build = (0..<40_000).map { [Value.int(Int64($0 % 36_000) * 2)] }
        let probeKeys: [Int64] = [-5, -1, 0, 1, 2, 3, 71_998, 71_999, 72_000, 1 << 40, 10_000, 10_001]
        let op = try PhysicalHashJoin(
            probe: PhysicalValues(schema: schema, rows: probeKeys.map { [.int($0)] }),
            build: PhysicalValues(schema: schema, rows: build), type: .inner,
            probeKeys: [col(0, .int64)], buildKeys: [col(0, .int64)])
        let matched = try drain(op).map { row -> Int64 in
            guard case .int(let k) = row[0] else { return -1 }
            return k
        }
        // Keys below 8,000 (= (40,000 - 36,000) * 2) occur twice on the build side.
        #expect(matched.sorted() == [0, 0, 2, 2, 10_000, 71_998])
    }

    @Test func probeSelectionVectorIsHonoured() throws {
        let batch = makeBatch([("k", .int32, [.int(1), .int(2), .int(3), .int(2)])], selection: [1, 2])
        let build = PhysicalValues(schema: Schema([Field("k", .int32)]), rows: [[.int(2)], [.int(3)], [.int(2)]])
        var pending: Batch? = batch
        let probe = PhysicalTableScan(ClosureBatchSource(schema: batch.schema) {
            defer { pending = nil }
            return pending
        })
        let op = try PhysicalHashJoin(probe: probe, build: build, type: .inner,
                                      probeKeys: [col(0, .int32)], buildKeys: [col(0, .int32)])
        #expect(Self.sorted(try drain(op)) == Self.sorted([[.int(2), .int(2)], [.int(2), .int(2)], [.int(3), .int(3)]]))
    }
}
