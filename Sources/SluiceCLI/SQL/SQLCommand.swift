import ArgumentParser
import Foundation
import Sluice

/// `sluice sql [--warehouse URI] -c "SQL; SQL" | -f FILE [--format ...]`: runs a script statement by statement,
/// printing each result; SQL comes from stdin when neither is given and stdin is not a terminal.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql", abstract: "Run SQL statements against a warehouse.")

    @Option(help: "The warehouse: memory:// for a scratch one; default $SLUICE_WAREHOUSE or ./warehouse.")
    var warehouse: String?
    @Option(name: .short, help: "SQL to run (statements separated by ';').") var command: String?
    @Option(name: .short, help: "A file of SQL statements.") var file: String?
    @Option(help: "Output format: table, box, csv, tsv, json, jsonl, markdown or line.") var format: String = "table"

    func validate() throws {
        if command != nil && file != nil { throw ValidationError("give -c or -f, not both") }
        if SQLResultRenderer.Format(rawValue: format) == nil {
            throw ValidationError("unknown format \(format): use " + SQLResultRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let format = SQLResultRenderer.Format(rawValue: format) ?? .table
        let sql = try source()
        let engine = try SQLSession.engine(warehouse: warehouse)
        let statements: [Statement]
        do {
            statements = try SQLParser.parse(sql)
        } catch {
            SQLSession.fail("\(error)")
            throw ExitCode.failure
        }
        for statement in statements {
            do {
                let result = try engine.execute(statement)
                SQLSession.write(SQLResultRenderer.render(result, as: format))
            } catch {
                SQLSession.fail("\(error)")
                throw ExitCode.failure
            }
        }
    }

    private func source() throws -> String {
        if let command { return command }
        if let file { return try String(contentsOfFile: file, encoding: .utf8) }
        guard isatty(FileHandle.standardInput.fileDescriptor) == 0 else {
            throw ValidationError("give SQL with -c or -f, or on stdin")
        }
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}

/// What the SQL commands share: opening the warehouse, writing output, reporting errors on stderr.
enum SQLSession {
    static func engine(warehouse: String?) throws -> SQLEngine {
        let uri = warehouse ?? ProcessInfo.processInfo.environment["SLUICE_WAREHOUSE"] ?? "./warehouse"
        return try SQLWarehouse.engine(uri: uri)
    }

    static func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
