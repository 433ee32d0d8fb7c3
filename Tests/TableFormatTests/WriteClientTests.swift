import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

@Suite("Write client")
struct WriteClientTests {
    typealias F = WriteFixtures

    @Test("insert then upsert: snapshot, time travel and incremental reads", arguments: [6, 8])
    func insertUpsert(version: Int) throws {
        for store in try F.stores("upsert\(version)") {
            _ = try HudiTable.create(store: store, path: "t", options: F.options(version: version))
            let client = HudiWriteClient(store: store, basePath: "t")
            let first = try client.write([F.batch([(1, "a", 10, "sf"), (2, "b", 10, "sf"), (3, "c", 10, "nyc")])], operation: .insert)
            let second = try client.write([F.batch([(2, "b2", 11, "sf"), (4, "d", 11, "nyc")])], operation: .upsert)
            let table = try HudiTable.open(store: store, path: "t")
            #expect(table.timeline.completedCommits.map(\.requestedTime) == [first.instant.requestedTime, second.instant.requestedTime])
            #expect(try F.rows(table.snapshot()) == F.expected([(1, "a", 10, "sf"), (2, "b2", 11, "sf"), (3, "c", 10, "nyc"), (4, "d", 11, "nyc")]))
            #expect(try F.rows(table.snapshot(asOf: first.instant.requestedTime)) == F.expected([(1, "a", 10, "sf"), (2, "b", 10, "sf"), (3, "c", 10, "nyc")]))
            #expect(try F.rows(table.incremental(begin: first.instant.orderingTime)) == F.expected([(2, "b2", 11, "sf"), (4, "d", 11, "nyc")]))
            let stats = second.metadata.writeStats
            #expect(stats.map(\.numUpdateWrites).reduce(0, +) == 1)
            #expect(stats.map(\.numInserts).reduce(0, +) == 1)
            #expect(second.metadata.operationType == "UPSERT")
            let reread = try table.commitMetadata(table.timeline.completedCommits[1])
            // Layout 1's JSON has no prevBaseFile (a v8 field).
            #expect(reread.writeStats == stats.map { var s = $0; if version == 6 { s.prevBaseFile = nil }; return s })
            #expect(reread.schema == table.avroSchema)
        }
    }
}
