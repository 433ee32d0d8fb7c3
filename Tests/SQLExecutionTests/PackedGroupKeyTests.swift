import Columnar
import Testing
@testable import SQLExecution

/// GROUP BY on integer keys packed into one word (`PackedGroupTable`), short strings among them coded
/// (`StringCodeTable`), must form exactly the groups the encoded keys (`KeyTable`) form: NULLs as their own
/// group per column, negative values, runs of equal keys, and more groups than the table's first size.
@Suite struct PackedGroupKeyTests {
    static let schema = Schema([Field("a", .int16), Field("b", .int32), Field("c", .int64), Field("x", .int64)])

    static func rows(_ count: Int, seed: UInt64) -> [[Value]] {
        var random = SplitMix64(seed: seed)
        var run: [Value] = []
        return (0..<count).map { i in
            // Every third row repeats the previous key, as clustered input does.
            if i % 3 != 0, !run.isEmpty { return run + [.int(Int64(i))] }
            let a: Value = Int.random(in: 0..<8, using: &random) == 0 ? .null : .int(Int64.random(in: -3...3, using: &random))
            let b: Value = Int.random(in: 0..<8, using: &random) == 0 ? .null : .int(Int64.random(in: -2...2, using: &random) * 65_537)
            let c: Value = Int.random(in: 0..<20, using: &random) == 0 ? .null : .int(Int64.random(in: -3000...3000, using: &random))
            run = [a, b, c]
            return run + [.int(Int64(i))]
        }
    }

    /// The groups of `keys` with count(*) and sum(x), as sorted text; `encoded` adds a constant string key,
    /// which forces the encoded path.
    static func groups(_ keys: [Int], _ rows: [[Value]], encoded: Bool) throws -> [String] {
        var groups = keys.map { col($0, schema.fields[$0].type) }
        if encoded { groups.append(lit("k")) }
        let aggregate = try PhysicalHashAggregate(PhysicalValues(schema: schema, rows: rows), groups: groups, aggregates: [
            AggregateExpression(.countStar), AggregateExpression(.sum, [col(3, .int64)]),
        ])
        return try drain(aggregate).map { text(Array($0.prefix(keys.count)), Array($0.suffix(2))) }.sorted()
    }

    static func text(_ keys: [Value], _ aggregates: [Value]) -> String { "\(keys) \(aggregates)" }

    @Test func packedGroupsMatchEncodedGroups() throws {
        #expect(PackedKeys.fit([.int16, .int32]) && !PackedKeys.fit([.int64, .int16]))
        let rows = Self.rows(6000, seed: 7)
        for keys in [[0], [1], [2], [0, 1]] {
            let packed = try Self.groups(keys, rows, encoded: false)
            #expect(packed == (try Self.groups(keys, rows, encoded: true)))
            if keys == [2] { #expect(packed.count > 1024) }
        }
    }

    @Test func nullKeysGroupApartFromZero() throws {
        let rows: [[Value]] = [[.null, .int(0), .int(0), .int(1)], [.int(0), .null, .int(0), .int(2)],
                               [.int(0), .int(0), .int(0), .int(4)], [.null, .int(0), .null, .int(8)]]
        #expect(try Self.groups([0, 1], rows, encoded: false) == [
            Self.text([.int(0), .int(0)], [.int(1), .int(4)]), Self.text([.int(0), .null], [.int(1), .int(2)]),
            Self.text([.null, .int(0)], [.int(2), .int(9)]),
        ].sorted())
    }

    static let stringSchema = Schema([Field("s", .string), Field("a", .int16), Field("x", .int64)])

    static func stringRows(_ count: Int, seed: UInt64) -> [[Value]] {
        var random = SplitMix64(seed: seed)
        let words = ["", "A", "N", "R", "AB", "A\u{0}", "longer value with spaces", "ü"]
        return (0..<count).map { i in
            let s: Value = Int.random(in: 0..<9, using: &random) == 0 ? .null : .string(words[Int.random(in: 0..<words.count, using: &random)])
            let a: Value = Int.random(in: 0..<9, using: &random) == 0 ? .null : .int(Int64.random(in: -2...2, using: &random))
            return [s, a, .int(Int64(i))]
        }
    }

    @Test func codedStringGroupsMatchEncodedGroups() throws {
        let rows = Self.stringRows(3000, seed: 11)
        func groups(_ extra: [PhysicalExpression]) throws -> [String] {
            let aggregate = try PhysicalHashAggregate(
                PhysicalValues(schema: Self.stringSchema, rows: rows),
                groups: [col(0, .string), col(1, .int16)] + extra,
                aggregates: [AggregateExpression(.countStar), AggregateExpression(.sum, [col(2, .int64)])])
            return try drain(aggregate).map { Self.text(Array($0.prefix(2)), Array($0.suffix(2))) }.sorted()
        }
        // A constant 8-byte key makes the key too wide to pack: the encoded reference.
        let coded = try groups([]), encoded = try groups([lit(Int64(1))])
        #expect(coded.count == 54)
        #expect(coded == encoded)
    }

    /// Values of up to 3 bytes are their own codes, longer ones go through the table: the two kinds, and
    /// values differing only in length or trailing zero bytes, never share a group.
    @Test func inlineCodesAndTableCodesNeverCollide() throws {
        let words = ["", "\u{0}", "\u{0}\u{0}\u{0}", "AB", "AB\u{0}", "ABC", "ABCD", "ABC\u{0}", "€", "R"]
        let rows: [[Value]] = (0..<400).map { i in
            [i % 11 == 10 ? .null : .string(words[i % 11 % words.count]), .int(Int64(i % 2)), .int(Int64(i))]
        }
        func groups(_ extra: [PhysicalExpression]) throws -> [String] {
            let aggregate = try PhysicalHashAggregate(
                PhysicalValues(schema: Self.stringSchema, rows: rows),
                groups: [col(0, .string), col(1, .int16)] + extra,
                aggregates: [AggregateExpression(.countStar), AggregateExpression(.sum, [col(2, .int64)])])
            return try drain(aggregate).map { Self.text(Array($0.prefix(2)), Array($0.suffix(2))) }.sorted()
        }
        let coded = try groups([])
        #expect(coded.count == 22)
        #expect(coded == (try groups([lit(Int64(1))])))
    }

    @Test func stoppingCodingKeepsIds() throws {
        var table = GroupKeyTable(types: [.string, .int32])
        let batch = makeBatch([("s", .string, [.string("x"), .string("y"), .null, .string("x")]),
                               ("i", .int32, [.int(1), .int(1), .int(1), .int(2)])])
        let rows = ContiguousArray<Int32>([0, 1, 2, 3])
        var ids = ContiguousArray<Int32>(repeating: 0, count: 4), fresh = ContiguousArray<Int32>()
        table.findOrInsert(batch.columns, rows: rows, groupColumns: [], ids: &ids, fresh: &fresh)
        #expect(Array(ids) == [0, 1, 2, 3] && fresh.count == 4)
        table.stopCoding(batch.columns)
        var again = ContiguousArray<Int32>(repeating: 0, count: 4), none = ContiguousArray<Int32>()
        table.findOrInsert(batch.columns, rows: ContiguousArray([3, 2, 1, 0]), groupColumns: [], ids: &again, fresh: &none)
        #expect(Array(again) == [3, 2, 1, 0] && none.isEmpty && table.count == 4)
    }
}
