import Columnar

/// The delete marker of an upsert (`HudiWriteOptions.deleteMarkerField`): a boolean column travelling with the
/// incoming rows, split off before their schema is checked and never written to a base file.
enum HoodieDeleteMarker {
    /// The data columns and the marker column; the batch unchanged when there is no marker field.
    static func split(_ batch: Batch, field: String?) throws -> (data: Batch, marker: Vector?) {
        guard let field else { return (batch, nil) }
        guard let index = batch.schema.index(of: field) else {
            throw TableFormatError(.schemaMismatch, "incoming batch lacks the delete marker column '\(field)'")
        }
        let marker = batch.columns[index]
        guard marker.type == .boolean else {
            throw TableFormatError(.schemaMismatch, "delete marker column '\(field)' is \(marker.type), not boolean")
        }
        var data = batch
        data.schema = Schema(batch.schema.fields.enumerated().filter { $0.offset != index }.map(\.element))
        data.columns.remove(at: index)
        return (data, marker)
    }

    /// `data` with the marker appended as its last column.
    static func join(_ data: Batch, marker: Vector?, field: String?) -> Batch {
        guard let marker, let field else { return data }
        return Batch(schema: Schema(data.schema.fields + [Field(field, .boolean)]), columns: data.columns + [marker],
                     count: data.count, selection: data.selection)
    }

    /// A null marker keeps the row.
    static func isDeleted(_ marker: Vector, row: Int) -> Bool {
        marker.value(at: row) == .bool(true)
    }
}
