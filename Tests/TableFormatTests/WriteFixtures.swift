import Columnar
import Foundation
import Storage
@testable import TableFormat

/// Small tables and rows for the write tests: `trips(id int64, name string, ts int64, city string)`.
enum WriteFixtures {
    static let schema = Schema([Field("id", .int64), Field("name", .string), Field("ts", .int64), Field("city", .string)])

    static func options(version: Int = 6, partitioned: Bool = true, hiveStyle: Bool = false, precombine: Bool = true,
                        keys: [String] = ["id"]) -> HudiTableOptions {
        HudiTableOptions(name: "trips", schema: schema, recordKeyFields: keys, precombineField: precombine ? "ts" : nil,
                         partitionFields: partitioned ? ["city"] : [], version: version, hiveStyle: hiveStyle)
    }

    /// Rows of (id, name, ts, city).
    static func batch(_ rows: [(Int64, String?, Int64, String)]) -> Batch {
        let values: [[Value]] = rows.map { [.int($0.0), $0.1.map(Value.string) ?? .null, .int($0.2), .string($0.3)] }
        let columns = schema.fields.indices.map { c in Vector(type: schema.fields[c].type, values: values.map { $0[c] }) }
        return Batch(schema: schema, columns: columns)
    }

    /// Data columns of every row a scan returns, sorted by id.
    static func rows(_ scan: HudiScan) throws -> [[Value]] {
        var scan = scan
        let batches = try scan.collect()
        var out: [[Value]] = []
        for batch in batches {
            let indices = schema.fields.map { batch.schema.index(of: $0.name)! }
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                out.append(indices.map { batch.columns[$0].value(at: row) })
            }
        }
        return out.sorted { a, b in
            if case .int(let x) = a[0], case .int(let y) = b[0] { return x < y }
            return false
        }
    }

    /// Every row of a scan as column name → value, meta columns included.
    static func records(_ scan: HudiScan) throws -> [[String: Value]] {
        var scan = scan
        var out: [[String: Value]] = []
        for batch in try scan.collect() {
            for i in 0..<batch.rowCount {
                let row = batch.physicalRow(i)
                out.append(Dictionary(uniqueKeysWithValues: batch.schema.fields.enumerated().map { ($1.name, batch.columns[$0].value(at: row)) }))
            }
        }
        return out.sorted { "\($0["_hoodie_record_key"]!)" < "\($1["_hoodie_record_key"]!)" }
    }

    static func expected(_ rows: [(Int64, String?, Int64, String)]) -> [[Value]] {
        rows.sorted { $0.0 < $1.0 }.map { [.int($0.0), $0.1.map(Value.string) ?? .null, .int($0.2), .string($0.3)] }
    }

    static func stores(_ label: String) throws -> [any ObjectStore] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-write-\(label)-\(UUID().uuidString)").path
        return [MemoryStore(name: "write-\(label)"), try LocalStore(root: dir)]
    }
}
