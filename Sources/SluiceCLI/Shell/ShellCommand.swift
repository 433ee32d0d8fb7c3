import ArgumentParser
import Foundation
import Sluice

/// `sluice` with no arguments, or `sluice shell [--warehouse URI] [--format MODE]`: the SQL shell. On a
/// terminal it is interactive; with piped input it runs the statements like `sluice sql`, without prompts.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "The interactive SQL shell (what `sluice` runs without arguments).")

    @Option(help: "The warehouse: a directory (created if missing), s3://bucket/prefix or memory://; default $SLUICE_WAREHOUSE or ./warehouse.")
    var warehouse: String?
    @Option(help: "Output mode: box (default on a terminal), table (default when piped), csv, tsv, json, jsonl, markdown or line.")
    var format: String?

    func validate() throws {
        if let format, SQLResultRenderer.Format(rawValue: format) == nil {
            throw ValidationError("unknown format \(format): use "
                + SQLResultRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let uri = warehouse ?? ProcessInfo.processInfo.environment["SLUICE_WAREHOUSE"] ?? "./warehouse"
        let interactive = isatty(0) != 0
        let mode = format.flatMap { SQLResultRenderer.Format(rawValue: $0) } ?? (interactive ? .box : .table)
        do {
            try Shell.prepareWarehouse(uri)
        } catch {
            SQLSession.fail("cannot create the warehouse \(uri): \(error)")
            throw ExitCode.failure
        }
        let shell = try Shell(warehouse: uri, format: mode, interactive: interactive)
        if interactive {
            shell.runInteractive()
        } else if !shell.runPiped(String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)) {
            throw ExitCode.failure
        }
    }
}
