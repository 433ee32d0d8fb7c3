import ArgumentParser
import Foundation
import Sluice

/// `sluice parquet convert INPUT OUTPUT`: rewrites a Parquet file with other codec, dictionary, page and row
/// group settings, streaming batches from the reader into the writer.
struct ParquetConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Rewrite a Parquet file with another codec, page version or row group size.")

    enum Codec: String, ExpressibleByArgument, CaseIterable {
        case snappy, zstd, gzip, none
        var codec: CompressionCodec {
            switch self {
            case .snappy: .snappy
            case .zstd: .zstd
            case .gzip: .gzip
            case .none: .uncompressed
            }
        }
    }

    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    @Argument(help: "The Parquet file to read.") var input: String
    @Argument(help: "The Parquet file to write (replaced if it exists).") var output: String
    @Option(help: "Compression codec: snappy, zstd, gzip or none.") var codec: Codec = .snappy
    @Option(name: .customLong("zstd-level"), help: "Zstandard level (1-22).") var zstdLevel: Int?
    @Option(help: "Dictionary encoding: on or off.") var dictionary: Switch = .on
    @Option(name: .customLong("page-version"), help: "Data page version: 1 or 2.") var pageVersion: Int = 1
    @Option(name: .customLong("row-group-rows"), help: "Rows per row group.") var rowGroupRows: Int = 1_048_576
    @Flag(name: .customLong("page-index"), help: "Write column and offset indexes.") var pageIndex = false

    func validate() throws {
        guard pageVersion == 1 || pageVersion == 2 else { throw ValidationError("--page-version must be 1 or 2") }
        guard rowGroupRows > 0 else { throw ValidationError("--row-group-rows must be positive") }
        if let zstdLevel, !(1...22).contains(zstdLevel) { throw ValidationError("--zstd-level must be in 1...22") }
        if zstdLevel != nil && codec != .zstd { throw ValidationError("--zstd-level needs --codec zstd") }
    }

    var options: ParquetWriteOptions {
        var options = ParquetWriteOptions()
        options.codec = codec.codec
        options.compressionLevel = zstdLevel
        options.dictionary = dictionary == .on
        options.dataPageVersion = pageVersion
        options.rowGroupRows = rowGroupRows
        options.writePageIndex = pageIndex
        return options
    }

    func run() throws {
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(source: try FileSource(path: input))
        } catch {
            fail(input, error)
        }
        do {
            let writer = try ParquetWriter(sink: try FileSink(path: output), schema: reader.schema, options: options)
            var batches = reader.makeBatchIterator()
            while true {
                let batch: Batch?
                do { batch = try batches.next() } catch { fail(input, error) }
                guard let batch else { break }
                try writer.write(batch)
            }
            try writer.close()
        } catch {
            // Leave no half-written file behind.
            try? FileManager.default.removeItem(atPath: output)
            fail(output, error)
        }
    }

    private func fail(_ file: String, _ error: Error) -> Never {
        var message = (error as? ParquetError)?.message ?? "\(error)"
        if message.hasPrefix("\(file): ") { message.removeFirst(file.count + 2) }
        FileHandle.standardError.write(Data("sluice: \(file): \(message)\n".utf8))
        Foundation.exit(1)
    }
}
