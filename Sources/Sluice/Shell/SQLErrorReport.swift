import Foundation
import SQLSyntax

/// An error as the shell shows it: the message, then the offending line of SQL with a caret under the
/// position, when the error carries one (a ParserError's location, or the `at line:column` other errors end
/// their messages with).
public enum SQLErrorReport {
    public static func render(_ error: any Error, sql: String) -> String {
        let message = "\(error)"
        guard let (line, column) = position(error) else { return message + "\n" }
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return message + "\n" }
        let text = String(lines[line - 1])
        // Columns count UTF-8 bytes; the caret is placed under the character holding that byte.
        let prefix = String(decoding: text.utf8.prefix(max(0, column - 1)), as: UTF8.self)
        let indent = String(prefix.map { $0 == "\t" ? "\t" : " " })
        return message + "\n  " + text + "\n  " + indent + "^\n"
    }

    /// The 1-based line and byte column the error points at.
    static func position(_ error: any Error) -> (Int, Int)? {
        if let parse = error as? ParserError { return (parse.location.line, parse.location.column) }
        var text = Substring("\(error)")
        while let at = text.range(of: "at ", options: .backwards) {
            let parts = text[at.upperBound...].prefix { $0.isNumber || $0 == ":" }.split(separator: ":")
            if parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]) { return (line, column) }
            text = text[..<at.lowerBound]
        }
        return nil
    }
}
