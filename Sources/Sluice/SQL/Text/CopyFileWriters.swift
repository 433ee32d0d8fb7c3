import Columnar
import Parquet
import SQLPlanner
import TextFormats

/// COPY TO's writers: Parquet through `ParquetWriter`, CSV and JSON Lines through the TextFormats writers,
/// each into a `LocationSink` (a local file or an object upload) that is published by `finish()` only.
/// Options follow DuckDB: `HEADER`, `DELIMITER`, `QUOTE`, `ESCAPE`, `NULL`, `COMPRESSION` (also inferred
/// from a `.gz` / `.zst` extension), and for Parquet `COMPRESSION`/`CODEC` and `ROW_GROUP_SIZE`.
public final class CopyFileWriters: FileWriterProvider {
    public init() {}

    public func writer(path: String, format: CopyFormat, schema: Schema, options: TableFunctionArguments) throws
        -> any BatchWriter
    {
        let settings = CopyWriteOptions(format: format, arguments: options)
        switch format {
        case .parquet:
            let parquet = try settings.parquet()
            let sink = try Self.sink(path)
            do {
                return ParquetBatchWriter(writer: try ParquetWriter(sink: sink, schema: schema, options: parquet), sink: sink)
            } catch {
                sink.abort()
                throw error
            }
        case .csv, .json:
            let csv = format == .csv ? try settings.csv() : nil
            if format == .json { try settings.json() }
            let sink = try Self.sink(path)
            do {
                let output = try settings.compressed(LocationOutput(sink), path: path)
                if let csv { return TextBatchWriter(csv: try CSVWriter(output: output, schema: schema, options: csv), sink: sink) }
                return TextBatchWriter(json: JSONLinesWriter(output: output, schema: schema), sink: sink)
            } catch {
                sink.abort()
                throw error
            }
        }
    }
}

extension CopyFileWriters {
    /// The output file or object, with an `IO Error:` naming it when it cannot be created.
    static func sink(_ path: String) throws -> LocationSink {
        do {
            return try Location.sink(path)
        } catch {
            throw TextFormatError(.io, "IO Error: COPY cannot create '\(path)': \(error)")
        }
    }
}

/// A Parquet file being written; the footer goes out on `finish()`.
final class ParquetBatchWriter: BatchWriter {
    private let writer: ParquetWriter
    private let sink: LocationSink

    init(writer: ParquetWriter, sink: LocationSink) {
        self.writer = writer
        self.sink = sink
    }

    func write(_ batch: Batch) throws { try writer.write(batch) }

    func finish() throws {
        _ = try writer.close()
        try sink.commit()
    }

    func abort() { sink.abort() }
}

/// A CSV or JSON Lines file being written; closing the output commits the sink.
final class TextBatchWriter: BatchWriter {
    private let csv: CSVWriter?
    private let json: JSONLinesWriter?
    private let sink: LocationSink

    init(csv: CSVWriter, sink: LocationSink) {
        self.csv = csv
        json = nil
        self.sink = sink
    }

    init(json: JSONLinesWriter, sink: LocationSink) {
        self.json = json
        csv = nil
        self.sink = sink
    }

    func write(_ batch: Batch) throws {
        if let csv { try csv.write(batch) } else { try json?.write(batch) }
    }

    func finish() throws {
        if let csv { try csv.finish() } else { try json?.finish() }
    }

    func abort() { sink.abort() }
}
