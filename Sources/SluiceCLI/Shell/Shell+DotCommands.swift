import Foundation
import Sluice

/// The dot commands: shell settings, catalog listings, scripts, output redirection and switching warehouse.
extension Shell {
    /// Runs one dot command; false for `.quit`.
    func runDotCommand(_ command: DotCommand) -> Bool {
        switch command {
        case .help: write(DotCommand.helpText + "\n", toTerminal: true)
        case .tables: runStatements("SHOW TABLES;")
        case .schema(let table?): runStatements("DESCRIBE \(table);")
        case .schema(nil):
            for table in (try? engine.catalog.tableNames()) ?? [] {
                write("\(table):\n")
                runStatements("DESCRIBE \(table);")
            }
        case .mode(let mode?): format = mode
        case .mode(nil): write("mode: \(format.rawValue)\n", toTerminal: true)
        case .timer(let on): timer = on
        case .maxRows(let n): maxRows = n
        case .read(let path): read(path)
        case .output(let path): redirect(to: path)
        case .open(let uri): open(uri)
        case .timeline(let name): timeline(name)
        case .quit: return false
        case .invalid(let message): fail(message)
        }
        return true
    }

    private func fail(_ message: String) {
        failed = true
        report("Error: \(message)\n")
    }

    private func read(_ path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return fail("cannot read \(path)") }
        let outer = pending
        pending = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !failed || interactive {
            guard feed(String(line)) else { break }
        }
        if !pending.allSatisfy(\.isWhitespace) { runStatements(pending) }
        pending = outer
    }

    private func redirect(to path: String?) {
        try? output?.close()
        output = nil
        guard let path else { return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            return fail("cannot write \(path)")
        }
        output = handle
    }

    private func open(_ uri: String) {
        do {
            try Self.prepareWarehouse(uri)
            engine = try SQLWarehouse.engine(uri: uri)
            warehouse = uri
            LineEditor.completer = ShellCompleter(catalog: engine.catalog)
            let tables = (try? engine.catalog.tableNames().count) ?? 0
            write("opened \(uri) (\(tables) table\(tables == 1 ? "" : "s"))\n", toTerminal: true)
        } catch {
            fail("\(error)")
        }
    }

    private func timeline(_ name: String) {
        do {
            guard let provider = try engine.catalog.lookup(name) as? any HudiTableBacked else {
                return fail("\(name) is not a Hudi table of \(warehouse)")
            }
            let limits = SQLResultRenderer.Limits(width: output == nil ? Terminal.width() : nil, maxRows: maxRows)
            write(SQLResultRenderer.render(try TimelineRows.result(provider.table), as: format, limits: limits))
        } catch {
            fail("\(error)")
        }
    }

    /// A local warehouse directory is created when missing.
    static func prepareWarehouse(_ uri: String) throws {
        guard !Location.isObjectURI(uri) || uri.hasPrefix("file://") else { return }
        let path = uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
