import CEditLine
import Foundation
import Sluice

/// Line editing through libedit's readline interface: prompts, persistent history in `~/.sluice_history`
/// (HOME respected), Ctrl-R search (libedit's readline binds it to incremental search), and Tab completion
/// from a `ShellCompleter`, falling back to file names inside quotes.
enum LineEditor {
    /// What the completion callback reads: libedit calls it with C function pointers, which capture nothing.
    nonisolated(unsafe) static var completer: ShellCompleter?
    nonisolated(unsafe) static var pendingStatement = ""
    nonisolated(unsafe) private static var candidates: [String] = []
    nonisolated(unsafe) private static var index = 0

    static var historyPath: String {
        (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.sluice_history"
    }

    static func start() {
        sluice_editline_setup(strdup("sluice"), strdup(" \t\n\"'`@$><=;|&{(,")) { text, _, end in
            LineEditor.complete(text, end: Int(end))
        }
        _ = read_history(historyPath)
    }

    /// One line, or nil at end of input (Ctrl-D) or when interrupted at the prompt.
    static func readLine(prompt: String) -> String? {
        guard let line = readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    /// Adds an entered statement (its lines joined) to the history and saves the file.
    static func remember(_ entry: String) {
        let flat = entry.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard !flat.allSatisfy(\.isWhitespace) else { return }
        _ = add_history(flat)
        _ = write_history(historyPath)
    }

    private static func complete(_ text: UnsafePointer<CChar>?, end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let completer, let text, let buffer = sluice_editline_buffer() else { return nil }
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: max(0, end)).bindMemory(to: UInt8.self), as: UTF8.self)
        switch completer.complete(pendingStatement + line) {
        case .paths:
            sluice_editline_completion_over(0)
            return nil
        case .words(let words):
            sluice_editline_completion_over(1)
            candidates = words
            guard !words.isEmpty else { return nil }
            return rl_completion_matches(text) { _, state in
                if state == 0 { LineEditor.index = 0 }
                guard LineEditor.index < LineEditor.candidates.count else { return nil }
                defer { LineEditor.index += 1 }
                return strdup(LineEditor.candidates[LineEditor.index])
            }
        }
    }
}
