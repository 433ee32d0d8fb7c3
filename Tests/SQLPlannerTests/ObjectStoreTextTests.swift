import Foundation
import Sluice
import Testing

/// read_csv / read_json and COPY TO over object URIs (`memory://store/key`: the same code path as `s3://`).
@Suite struct ObjectStoreTextTests {
    @Test func readCSVAndCopyThroughAnObjectStore() throws {
        let store = "sqlcall-objects-\(getpid())"
        try ObjectStores.open(uri: "memory://\(store)").put("people.csv", Array("id,name\n1,a\n2,b\n3,\"c, d\"\n".utf8))
        let engine = try SQLWarehouse.engine(uri: "memory://")
        let rows = try engine.execute("SELECT name FROM read_csv('memory://\(store)/people.csv') WHERE id > 1 ORDER BY id")[0].rows
        #expect(rows == [[.string("b")], [.string("c, d")]])
        _ = try engine.execute("COPY (SELECT id * 2 AS twice FROM 'memory://\(store)/people.csv') TO 'memory://\(store)/twice.jsonl'")
        let text = String(decoding: try ObjectStores.open(uri: "memory://\(store)").get("twice.jsonl"), as: UTF8.self)
        #expect(text == "{\"twice\":2}\n{\"twice\":4}\n{\"twice\":6}\n")
        _ = try engine.execute("COPY (SELECT 1 AS one) TO 'memory://\(store)/one.parquet'")
        #expect(try engine.execute("SELECT one FROM read_parquet('memory://\(store)/one.parquet')")[0].rows == [[.int(1)]])
    }

    @Test func globsInAnObjectURIListTheStore() throws {
        let store = "sqlcall-globs-\(getpid())"
        let objects = try ObjectStores.open(uri: "memory://\(store)")
        try objects.put("b.csv", Array("k\n2\n".utf8))
        try objects.put("a.csv", Array("k\n1\n".utf8))
        try objects.put("c.json", Array("{\"k\": 3}\n".utf8))
        let engine = try SQLWarehouse.engine(uri: "memory://")
        let rows = try engine.execute("SELECT k FROM read_csv('memory://\(store)/*.csv')")[0].rows
        #expect(rows == [[.int(1)], [.int(2)]])
        #expect(throws: PlannerError.self) { try engine.execute("SELECT * FROM read_csv('memory://\(store)/*.tsv')") }
    }
}
