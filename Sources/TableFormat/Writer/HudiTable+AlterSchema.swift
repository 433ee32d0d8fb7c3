import Columnar
import Foundation

extension HudiTable {
    /// Evolves the table schema as Hudi's Spark `ALTER TABLE ... ADD COLUMNS` / `ALTER COLUMN ... TYPE` do: an
    /// empty commit whose metadata has operationType `ALTER_SCHEMA` and the new Avro schema in
    /// `extraMetadata.schema`, which readers (ours, hudi-rs, Spark) take as the table schema; older base files
    /// then read added columns as null and widened ones converted. `schema` (data columns, no meta fields) must
    /// be a permitted evolution of the current one (see `HoodieWriterSchema`), checked before anything is written.
    @discardableResult
    public func alterSchema(_ schema: Schema, now: @escaping @Sendable () -> Date = { Date() }) throws -> HoodieInstant {
        try HudiWriteClient.checkWritable(self)
        let evolved = try HudiWriteClient.writerSchema(schema, table: self)
        guard evolved.evolved else {
            throw TableFormatError(.invalidArgument, "'\(config.name)': the schema is unchanged; nothing to alter")
        }
        let avro = try evolved.schema.avroSchemaJSON(tableName: config.name)
        var timeline = try HoodieTimelineWriter(store: store, basePath: basePath, config: config)
        timeline.now = now
        let requested = try timeline.createRequested(action: .commit, time: timeline.newInstantTime(after: self.timeline), content: [])
        do {
            let inflight = try timeline.transitionToInflight(requested, content: [])
            let metadata = HoodieCommitMetadata(partitionToWriteStats: [:], extraMetadata: ["schema": avro], operationType: "ALTER_SCHEMA")
            let content = try metadata.serialized(layoutVersion: timeline.layoutVersion, replace: false)
            return try HoodieCommitLock(store: store, basePath: basePath).withLock(owner: requested.requestedTime) {
                try timeline.complete(inflight, content: content)
            }
        } catch {
            try? timeline.deletePending(requested)
            throw error
        }
    }
}
