import ArgumentParser
import Foundation
import Sluice

/// `sluice parquet ...`: inspect and read Parquet files.
struct ParquetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect and read Parquet files.",
        subcommands: [ParquetSchemaCommand.self, ParquetMetaCommand.self, ParquetCatCommand.self, ParquetScanCommand.self, ParquetConvertCommand.self])
}

/// Shared by the parquet subcommands: one stderr line `sluice: FILE: message` and exit code 1 on failure.
enum ParquetCLI {
    static func run(_ file: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ParquetError {
            fail(file, error.message)
        } catch {
            fail(file, "\(error)")
        }
    }

    static func fail(_ file: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("sluice: \(file): \(message)\n".utf8))
        Foundation.exit(1)
    }

    static func open(_ file: String, columns: String? = nil) throws -> ParquetFileReader {
        var options = ParquetReadOptions()
        options.columns = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        // FileSource errors already name the path; drop it, the caller's prefix names the file.
        do {
            return try ParquetFileReader(source: try FileSource(path: file), options: options)
        } catch let error as ParquetError where error.message.hasPrefix("\(file): ") {
            throw ParquetError(error.code, String(error.message.dropFirst(file.count + 2)))
        }
    }

    static func write(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }
    static func write(_ text: String) { write(Array(text.utf8)) }
}
