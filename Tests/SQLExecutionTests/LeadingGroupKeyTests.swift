import Columnar
import Testing
@testable import SQLExecution

/// GROUP BY integers that pack into a word beside strings or wider integers (`LeadingKeyTable`) must form
/// exactly the groups encoded keys form: when the integers decide the group (a key and the columns that
/// depend on it), when they do not (same integers, other strings), with NULLs on either side, across
/// batches, and after switching to encoded keys.
@Suite struct LeadingGroupKeyTests {
    static let schema = Schema([Field("id", .int64), Field("name", .string), Field("wide", .int64), Field("x", .int64)])

    /// `violations` in 0...1: the share of rows whose name does not follow from their id.
    static func rows(_ count: Int, violations: Double, seed: UInt64) -> [[Value]] {
        var random = SplitMix64(seed: seed)
        let names = ["", "a", "b", "longer name with spaces", "\u{0}z"]
        return (0..<count).map { i in
            let id = Int64.random(in: 0..<300, using: &random)
            let idValue: Value = Int.random(in: 0..<40, using: &random) == 0 ? .null : .int(id)
            let free = Double.random(in: 0..<1, using: &random) < violations
            let name: Value = Int.random(in: 0..<30, using: &random) == 0
                ? .null : .string(free ? names[Int.random(in: 0..<names.count, using: &random)] : "n\(id % 97)")
            return [idValue, name, .int(free ? Int64.random(in: 0..<3, using: &random) : id * 3), .int(Int64(i))]
        }
    }

    /// Groups of (id, name, wide) with count(*) and sum(x) as sorted text; `encoded` adds a DOUBLE constant
    /// key, which no packed layout takes: the encoded reference.
    static func groups(_ rows: [[Value]], encoded: Bool) throws -> [String] {
        var keys = [col(0, .int64), col(1, .string), col(2, .int64)]
        if encoded { keys.append(litD(0.5)) }
        let aggregate = try PhysicalHashAggregate(PhysicalValues(schema: schema, rows: rows), groups: keys, aggregates: [
            AggregateExpression(.countStar), AggregateExpression(.sum, [col(3, .int64)]),
        ])
        return try drain(aggregate).map { "\(Array($0.prefix(3))) \(Array($0.suffix(2)))" }.sorted()
    }

    @Test func leadingGroupsMatchEncodedGroups() throws {
        let layout = LeadingKeyTable(types: [.int64, .string, .int64])
        #expect(layout?.leading == [0] && layout?.rest == [1, 2])
        #expect(LeadingKeyTable(types: [.int64, .float64]) == nil && LeadingKeyTable(types: [.string]) == nil)
        for (violations, seed) in [(0.0, UInt64(3)), (0.02, 4), (0.5, 5), (1.0, 6)] {
            let rows = Self.rows(7000, violations: violations, seed: seed)
            let leading = try Self.groups(rows, encoded: false)
            #expect(leading == (try Self.groups(rows, encoded: true)))
            #expect(leading.count > 250)
        }
    }

    @Test func switchingToEncodedKeepsIds() throws {
        var table = GroupKeyTable(types: [.int64, .string])
        var groupColumns = [Vector.empty(.int64), Vector.empty(.string)]
        var random = SplitMix64(seed: 9)
        for batch in 0..<6 {
            // Every row has a fresh name for a few ids: nearly all rows miss their leader's group.
            let values = (0..<1000).map { i in [Value.int(Int64.random(in: 0..<4, using: &random)), .string("s\(batch)-\(i % 700)")] }
            let columns = makeBatch([("id", .int64, values.map { $0[0] }), ("s", .string, values.map { $0[1] })]).columns
            let rows = ContiguousArray<Int32>.rows(0..<1000)
            var ids = ContiguousArray<Int32>(repeating: -1, count: 1000), fresh = ContiguousArray<Int32>()
            let before = table.count
            table.findOrInsert(columns, rows: rows, groupColumns: groupColumns, ids: &ids, fresh: &fresh)
            #expect(Array(fresh.map { ids[Int($0)] }) == Array(Int32(before)..<Int32(table.count)))
            for c in groupColumns.indices { try groupColumns[c].append(contentsOf: columns[c].gather(fresh)) }
            // Each id names its row's values.
            let named = ids.indices.allSatisfy { k in
                groupColumns.indices.allSatisfy { c in columns[c].value(at: k) == groupColumns[c].value(at: Int(ids[k])) }
            }
            #expect(named)
            if table.outgrewCodes { table.stopCoding(groupColumns) }
        }
        #expect(!table.outgrewCodes && table.count == groupColumns[0].count)
    }
}
