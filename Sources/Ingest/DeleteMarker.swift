import Columnar

/// CDC deletes as Hudi's `_hoodie_is_deleted` column: true rows delete their key within an upsert. A source
/// may carry the column itself; `--delete-column op --delete-value D` sets it where `op` reads `D`. The write
/// client takes it as its delete marker and strips it, so it never lands in the table.
enum DeleteMarker {
    static let column = "_hoodie_is_deleted"

    /// `batch` (dense) with the marker set from the delete column, when one is configured.
    static func mark(_ batch: Batch, options: IngestOptions) throws -> Batch {
        guard let name = options.deleteColumn else { return batch }
        guard let index = batch.schema.index(of: name) else {
            throw IngestError(.invalidOption, "--delete-column '\(name)' is not a column of the source (\(batch.schema.fields.map(\.name).joined(separator: ", ")))")
        }
        let target = Array((options.deleteValue ?? "D").utf8)
        let values = batch.columns[index]
        var marks = ByteBuffer(capacity: batch.count)
        let existing = batch.schema.index(of: Self.column).map { batch.columns[$0] }
        for row in 0..<batch.count {
            var deleted = !values.isNull(row) && matches(values, row, target)
            if !deleted, let existing, existing.type == .boolean, !existing.isNull(row) {
                deleted = existing.buffer.load(row, as: UInt8.self) != 0
            }
            marks.append(UInt8(deleted ? 1 : 0))
        }
        let marker = Vector(type: .boolean, count: batch.count, buffer: marks)
        var fields = batch.schema.fields
        var columns = batch.columns
        if let at = batch.schema.index(of: Self.column) {
            fields[at] = Field(Self.column, .boolean)
            columns[at] = marker
        } else {
            fields.append(Field(Self.column, .boolean))
            columns.append(marker)
        }
        return Batch(schema: Schema(fields), columns: columns, count: batch.count)
    }

    private static func matches(_ vector: Vector, _ row: Int, _ target: [UInt8]) -> Bool {
        switch vector.type {
        case .string, .binary:
            let range = Int(vector.offsets[row])..<Int(vector.offsets[row + 1])
            guard range.count == target.count else { return false }
            return vector.buffer.withUnsafeBytes { bytes in
                target.indices.allSatisfy { bytes[range.lowerBound + $0] == target[$0] }
            }
        default:
            // Numbers and booleans compare by their text (`--delete-value 1`, `--delete-value true`).
            let text: String
            switch vector.value(at: row) {
            case .int(let v): text = String(v)
            case .uint(let v): text = String(v)
            case .bool(let v): text = String(v)
            case .string(let v): text = v
            default: return false
            }
            return text == String(decoding: target, as: UTF8.self)
        }
    }

    /// The commit schema with the marker column a delete column adds.
    static func schema(_ schema: Schema, options: IngestOptions) -> Schema {
        guard options.deleteColumn != nil, schema.index(of: column) == nil else { return schema }
        return Schema(schema.fields + [Field(column, .boolean)])
    }
}
