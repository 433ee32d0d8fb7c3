import Foundation
import Sluice

/// The `sluice` shell: reads lines (from libedit on a terminal, or piped in), runs dot commands and
/// `;`-terminated SQL statements, and prints results in the current mode. Errors print with a caret under
/// the failing position and the shell carries on; piped input stops at the first error, as `sluice sql` does.
final class Shell {
    var engine: SQLEngine
    var warehouse: String
    var format: SQLResultRenderer.Format
    var maxRows = 40
    var timer = false
    /// Where results go: nil for standard output.
    var output: FileHandle?
    let interactive: Bool
    /// Lines of the statement being typed.
    var pending = ""
    /// Set by the first failure; piped input stops there.
    var failed = false

    init(warehouse: String, format: SQLResultRenderer.Format, interactive: Bool) throws {
        self.engine = try SQLWarehouse.engine(uri: warehouse)
        self.warehouse = warehouse
        self.format = format
        self.interactive = interactive
    }

    /// The prompt loop; returns at `.quit` or Ctrl-D.
    func runInteractive() {
        let tables = (try? engine.catalog.tableNames().count) ?? 0
        write("Sluice \(SluiceVersion.string) on warehouse \(warehouse) (\(tables) table\(tables == 1 ? "" : "s")).\n"
            + "Enter \".help\" for usage hints. Statements end with ';'.\n", toTerminal: true)
        LineEditor.completer = ShellCompleter(catalog: engine.catalog)
        LineEditor.start()
        ShellInterrupt.install()
        while true {
            LineEditor.pendingStatement = pending.isEmpty ? "" : pending + "\n"
            guard let line = LineEditor.readLine(prompt: pending.isEmpty ? "sluice> " : "   ...> ") else {
                // Ctrl-C at the prompt drops the statement being typed; Ctrl-D ends the shell.
                if ShellInterrupt.take() {
                    pending = ""
                    write("\n", toTerminal: true)
                    continue
                }
                write("\n", toTerminal: true)
                return
            }
            let wasPending = pending
            guard feed(line) else { return }
            if pending.isEmpty { LineEditor.remember(wasPending.isEmpty ? line : wasPending + "\n" + line) }
        }
    }

    /// Runs piped input line by line; false when a statement failed.
    func runPiped(_ text: String) -> Bool {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard feed(String(line)), !failed else { return !failed }
        }
        if !pending.allSatisfy(\.isWhitespace) { runStatements(pending) }
        return !failed
    }

    /// One input line: a dot command when no statement is pending, otherwise more SQL; a complete statement
    /// runs at once. False when the shell should stop.
    func feed(_ line: String) -> Bool {
        if pending.isEmpty, line.drop(while: \.isWhitespace).hasPrefix(".") {
            return runDotCommand(DotCommand(line.trimmingCharacters(in: .whitespaces)))
        }
        pending += pending.isEmpty ? line : "\n" + line
        guard SQLScript.isComplete(pending) else {
            if pending.allSatisfy(\.isWhitespace) { pending = "" }
            return true
        }
        let sql = pending
        pending = ""
        runStatements(sql)
        return true
    }

    /// Each statement of `sql`, parsed, run and printed; the first failing one stops the rest.
    func runStatements(_ sql: String) {
        for piece in SQLScript.split(sql) where !failed || interactive {
            guard run(piece.text) else { return }
        }
    }

    private func run(_ sql: String) -> Bool {
        let started = Date()
        engine.progress.reset()
        _ = ShellInterrupt.take()
        let watcher = interactive ? StatementWatcher(progress: engine.progress, showBar: isatty(2) != 0) : nil
        let outcome = Result { try engine.execute(try SQLParser.parseStatement(sql)) }
        watcher?.finish()
        switch outcome {
        case .success(let result):
            let limits = SQLResultRenderer.Limits(width: output == nil ? Terminal.width() : nil, maxRows: maxRows)
            write(SQLResultRenderer.render(result, as: format, limits: limits))
        case .failure(let error):
            failed = true
            report(SQLErrorReport.render(error, sql: sql))
        }
        if timer { write(String(format: "Run Time (s): real %.3f\n", Date().timeIntervalSince(started))) }
        return !failed || interactive
    }

    /// Results and messages: to the `.output` file, or standard output (`toTerminal` forces standard output).
    func write(_ text: String, toTerminal: Bool = false) {
        let handle = toTerminal ? FileHandle.standardOutput : output ?? FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    func report(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// The terminal's width in columns, when standard output is one (COLUMNS otherwise, then nothing).
enum Terminal {
    static func width() -> Int? {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }
    }
}
