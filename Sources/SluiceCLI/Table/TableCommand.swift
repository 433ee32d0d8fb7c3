import ArgumentParser
import Foundation
import Sluice

/// `sluice table ...`: inspect and read Hudi tables on local paths and `s3://` URIs.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Inspect and read Hudi tables.",
        subcommands: [TableCreateCommand.self, TableShowCommand.self, TableTimelineCommand.self, TableCatCommand.self, TableScanCommand.self,
                      TableRollbackCommand.self, TableRestoreCommand.self, TableCleanCommand.self, TableSavepointCommand.self])
}

/// Shared by the table subcommands: opening by URI, and one stderr line `sluice: URI: message` on failure.
enum TableCLI {
    static func run(_ uri: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TableFormatError {
            fail(uri, error.message)
        } catch let error as StorageError {
            fail(uri, error.message)
        } catch {
            fail(uri, "\(error)")
        }
    }

    static func fail(_ uri: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("sluice: \(uri): \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// The table's own URI is the store's root, so every key is relative to the base path.
    static func open(_ uri: String) throws -> HudiTable {
        try HudiTable.open(store: try ObjectStores.open(uri: uri), path: "")
    }

    static func write(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }
    static func write(_ text: String) { write(Array(text.utf8)) }
}
