import Columnar
import Foundation

/// `--since-column updated_at`, for sources that rewrite their files: only rows whose value is above the
/// greatest one an earlier commit took are ingested, and each commit records its new greatest value
/// (`sluice.ingest.since` in its metadata). Integer, date, timestamp, floating point and string columns.
final class SinceFilter {
    static let metadataKey = "sluice.ingest.since"

    let column: String
    /// The checkpoint's greatest value (nil: take every row).
    let floor: Value?
    /// The greatest value taken so far, including this commit's rows.
    private(set) var ceiling: Value?

    init(column: String, floor: Value?) {
        self.column = column
        self.floor = floor
        ceiling = floor
    }

    /// The rows above the floor, dense.
    func filter(_ batch: Batch) throws -> Batch {
        guard let index = batch.schema.index(of: column) else {
            throw IngestError(.invalidOption, "--since-column '\(column)' is not a column of the source (\(batch.schema.fields.map(\.name).joined(separator: ", ")))")
        }
        let values = batch.columns[index]
        var keep = ContiguousArray<UInt32>()
        keep.reserveCapacity(batch.count)
        for row in 0..<batch.count where !values.isNull(row) {
            let value = values.value(at: row)
            if let floor, !SinceFilter.greater(value, than: floor) { continue }
            if ceiling.map({ SinceFilter.greater(value, than: $0) }) ?? true { ceiling = value }
            keep.append(UInt32(row))
        }
        if keep.count == batch.count { return batch }
        let rows = SelectionVector(keep)
        return Batch(schema: batch.schema, columns: batch.columns, count: batch.count, selection: rows).compacted()
    }

    static func greater(_ a: Value, than b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x > y
        case (.uint(let x), .uint(let y)): x > y
        case (.float(let x), .float(let y)): x > y
        case (.string(let x), .string(let y)): x > y
        case (.int(let x), .float(let y)): Double(x) > y
        case (.float(let x), .int(let y)): x > Double(y)
        default: "\(a)" > "\(b)"
        }
    }

    /// The value as commit metadata: `{"column": ..., "int"|"float"|"string": ...}`.
    func metadata() throws -> String? {
        guard let ceiling else { return nil }
        var object: [String: Any] = ["column": column]
        switch ceiling {
        case .int(let v): object["int"] = v
        case .uint(let v): object["int"] = Int64(clamping: v)
        case .float(let v): object["float"] = v
        case .string(let v): object["string"] = v
        default: object["string"] = "\(ceiling)"
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The floor a commit's metadata records for `column`.
    static func floor(_ text: String?, column: String) -> Value? {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              object["column"] as? String == column else { return nil }
        if let v = object["int"] as? NSNumber { return .int(v.int64Value) }
        if let v = object["float"] as? NSNumber { return .float(v.doubleValue) }
        return (object["string"] as? String).map { .string($0) }
    }
}
