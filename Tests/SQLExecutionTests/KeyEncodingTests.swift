import Columnar
import Testing
@testable import SQLExecution

@Suite struct KeyEncodingTests {
    /// memcmp order of encoded keys equals SQL order of the values, for each type and direction.
    @Test(arguments: [
        (DataType.int8, [Value.int(-128), .int(-1), .int(0), .int(127)]),
        (.uint64, [.uint(0), .uint(1), .uint(UInt64.max)]),
        (.int64, [.int(Int64.min), .int(-5), .int(0), .int(Int64.max)]),
        (.float32, [.float(-.infinity), .float(-1.5), .float(0), .float(2), .float(.infinity), .float(.nan)]),
        (.decimal(precision: 30, scale: 2), [.decimal(-1_000_000_000_000_000_000_000), .decimal(-1), .decimal(0), .decimal(5)]),
        (.string, [.string(""), .string("a"), .string("a\u{0}"), .string("a\u{0}b"), .string("ab"), .string("b")]),
        (.date, [.int(-10), .int(0), .int(19000)]),
    ])
    func encodingPreservesOrder(type: DataType, ascending: [Value]) throws {
        let vector = Vector(type: type, values: ascending + [.null])
        let rows = ContiguousArray((0..<vector.count).map { Int32($0) })
        for order in [SortOrder(), SortOrder(descending: true), SortOrder(nullsFirst: true)] {
            let keys = KeyEncoder([order]).encode([vector], rows: rows)
            var expected = Array(0..<ascending.count)
            if order.descending { expected.reverse() }
            expected = order.nullsFirst ? [ascending.count] + expected : expected + [ascending.count]
            let sorted = (0..<vector.count).sorted { a, b in
                keys.withKey(a) { x in keys.withKey(b) { compareKeys(x, $0) < 0 } }
            }
            #expect(sorted == expected, "\(type) \(order)")
        }
    }

    @Test func equalValuesEncodeEquallyAndTablesInternThem() throws {
        let vector = Vector(type: .float64, values: [.float(0), .float(-0.0), .float(.nan), .float(-.nan), .null, .null])
        let keys = KeyEncoder(columns: 1).encode([vector], rows: [0, 1, 2, 3, 4, 5])
        var table = KeyTable(capacity: 1)
        let ids = (0..<6).map { k in keys.withKey(k) { table.findOrInsert($0, hash: KeyHash.hash($0)).id } }
        #expect(ids == [0, 0, 1, 1, 2, 2])
        var big = KeyTable(capacity: 1)
        for i in 0..<10_000 { withUnsafeBytes(of: i) { _ = big.findOrInsert($0, hash: KeyHash.hash($0)) } }
        #expect(big.count == 10_000)
        for i in 0..<10_000 { #expect(withUnsafeBytes(of: i) { big.find($0, hash: KeyHash.hash($0)) } == Int32(i)) }
    }
}
