import Columnar
import Parquet
import Storage

/// Writes one base file, `<partition>/<fileId>_<writeToken>_<instant>.parquet`, streaming row groups into an
/// object upload that becomes visible only when closed. The schema is the five meta columns then the data
/// columns; the footer carries the bloom filter and range of the record keys written, then the caller's entries
/// (the Avro schema), as Hudi's Avro writer does. The keys are taken from the rows as they are written.
final class HoodieBaseFileWriter {
    let fileName: String
    /// The object key in the store.
    let key: String
    /// Relative to the table's base path (what write stats record as `path`).
    let path: String
    private let sink: ObjectSink
    private let writer: ParquetWriter
    private(set) var rowCount: Int64 = 0
    /// The footer's filter and key range, hashed on their own queue while the rows are encoded.
    private let recordKeys: HoodieBloomFilterWriteQueue
    static let recordKeyColumn = 2
    /// Rows the writer's filter held when it started (an old base file's, continued), which it must write
    /// first, without adding their keys; nil for a filter that started empty.
    let continuedRowCount: Int?

    init(store: any ObjectStore, basePath: String, partitionPath: String, fileId: String, writeToken: String,
         instantTime: String, schema: Schema, bloomFilter: HoodieBloomIndexConfig, footer: [KeyValue],
         options: ParquetWriteOptions, continuing keys: OldBaseFileKeys? = nil) throws {
        fileName = "\(fileId)_\(writeToken)_\(instantTime).parquet"
        path = partitionPath.isEmpty ? fileName : partitionPath + "/" + fileName
        let objectKey = HudiTable.key(basePath, path)
        key = objectKey
        continuedRowCount = keys?.rowCount
        if let keys {
            recordKeys = HoodieBloomFilterWriteQueue(support: keys.support, file: objectKey)
        } else {
            recordKeys = try HoodieBloomFilterWriteQueue(config: bloomFilter, file: objectKey)
        }
        var options = options
        options.keyValueMetadata += footer
        do {
            sink = ObjectSink(try store.writer(key), key: key)
            writer = try ParquetWriter(sink: sink, schema: schema, options: options)
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(key)': \(error.message)")
        } catch let error as TableFormatError {
            throw error
        } catch {
            throw TableFormatError(.io, "opening base file \(store.uri)/\(key): \(error)")
        }
    }

    /// Appends the batch's live rows (meta columns first) and adds their record keys to the footer's filter,
    /// unless `addingKeys` is false: rows whose keys the filter the writer continues already holds.
    func write(_ batch: Batch, addingKeys: Bool = true) throws {
        guard batch.rowCount > 0 else { return }
        if addingKeys { try addRecordKeys(batch) }
        do {
            try writer.write(batch)
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(key)': \(error.message)")
        }
        rowCount += Int64(batch.rowCount)
    }

    /// Appends a row group of copied column chunks: old rows kept in place, whose keys the filter this writer
    /// continues already holds (so none are added).
    func appendRowGroup(rowCount: Int, chunks: [ColumnChunkCopy]) throws {
        guard continuedRowCount != nil else {
            throw TableFormatError(.invalidArgument, "base file '\(key)': copied row groups need a continued key filter")
        }
        do {
            try writer.appendRowGroup(rowCount: rowCount, chunks: chunks)
        } catch let error as ParquetError {
            throw TableFormatError(.io, "base file '\(key)': \(error.message)")
        }
        self.rowCount += Int64(rowCount)
    }

    /// Writes the footer and publishes the object; returns its size in bytes.
    func close() throws -> Int64 {
        do {
            writer.keyValueMetadata = try recordKeys.finish() + writer.keyValueMetadata
            _ = try writer.close()
            try sink.finish()
        } catch let error as ParquetError {
            sink.abort()
            throw TableFormatError(.io, "base file '\(key)': \(error.message)")
        } catch let error as TableFormatError {
            sink.abort()
            throw error
        }
        return sink.bytesWritten
    }

    func abort() { sink.abort() }

    /// The Parquet schema of the file, as its footer will list it.
    var schemaElements: [SchemaElement] { writer.schemaElements }

    /// Adds the batch's live record keys to the footer's filter (rows written without `write`).
    func addRecordKeys(_ batch: Batch) throws {
        guard batch.columns.count > HoodieBaseFileWriter.recordKeyColumn else {
            throw TableFormatError(.schemaMismatch, "base file '\(key)': batch of \(batch.columns.count) columns has no record key column")
        }
        let keys = batch.columns[HoodieBaseFileWriter.recordKeyColumn]
        guard case .string = keys.type else {
            throw TableFormatError(.schemaMismatch, "base file '\(key)': the record key column is \(keys.type), not string")
        }
        recordKeys.add(keys, selection: batch.selection, rowCount: batch.rowCount)
    }
}

/// A Parquet `ByteSink` over an object upload, counting bytes.
final class ObjectSink: ByteSink {
    private let writer: any ObjectWriter
    private let key: String
    private(set) var bytesWritten: Int64 = 0
    private var done = false

    init(_ writer: any ObjectWriter, key: String) {
        self.writer = writer
        self.key = key
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try writer.write(bytes)
        } catch {
            throw TableFormatError(.io, "writing base file '\(key)': \(error)")
        }
        bytesWritten += Int64(bytes.count)
    }

    func finish() throws {
        guard !done else { return }
        done = true
        do {
            try writer.finish()
        } catch {
            throw TableFormatError(.io, "publishing base file '\(key)': \(error)")
        }
    }

    func abort() {
        guard !done else { return }
        done = true
        writer.abort()
    }
}
