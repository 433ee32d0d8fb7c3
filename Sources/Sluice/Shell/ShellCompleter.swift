import SQLPlanner
import SQLSyntax

/// Tab completion for the shell: dot commands at the start of a line, file paths inside a quoted string and
/// after `.read` / `.output` / `.open`, table names after FROM / JOIN / INTO / UPDATE / TABLE, and otherwise
/// keywords, table names and the columns of the tables the statement mentions. Candidates keep the case the
/// user started typing in.
public struct ShellCompleter {
    public enum Completion: Equatable, Sendable {
        /// Complete a file path (the word is inside quotes).
        case paths
        case words([String])
    }

    public static let dotCommands = [".help", ".tables", ".schema", ".mode", ".timer", ".read", ".output", ".open",
                                     ".quit", ".exit", ".timeline", ".maxrows"]
    private static let tableContext: Set<String> = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE", "USING"]

    let catalog: any Catalog

    public init(catalog: any Catalog) { self.catalog = catalog }

    /// Candidates for the word that ends `text` (the statement typed so far, up to the cursor).
    public func complete(_ text: String) -> Completion {
        if text.filter({ $0 == "'" }).count % 2 == 1 { return .paths }
        if [".read ", ".output ", ".open "].contains(where: { text.hasPrefix($0) }) { return .paths }
        let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
        let before = text.dropLast(word.count)
        if before.allSatisfy(\.isWhitespace) && word.hasPrefix(".") {
            return .words(Self.dotCommands.filter { $0.hasPrefix(word.lowercased()) })
        }
        let tables = (try? catalog.tableNames()) ?? []
        let previous = before.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "(" }).last.map { $0.uppercased() }
        if let previous, Self.tableContext.contains(previous) { return .words(Self.matching(word, tables)) }
        var words = Keyword.allCases.map(\.rawValue) + tables + columns(of: tables, mentionedIn: text)
        if word.isEmpty { words = tables + columns(of: tables, mentionedIn: text) }
        return .words(Self.matching(word, words))
    }

    /// The columns of every table whose name appears as a word in `text`.
    private func columns(of tables: [String], mentionedIn text: String) -> [String] {
        let words = Set(text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init))
        var names: [String] = []
        for table in tables where words.contains(table.lowercased()) {
            guard let provider = try? catalog.lookup(table) else { continue }
            names += provider.schema.fields.map(\.name).filter { !names.contains($0) }
        }
        return names
    }

    /// Words starting with `prefix` (ignoring case), sorted, without duplicates; keywords in the prefix's case.
    static func matching(_ prefix: String, _ words: [String]) -> [String] {
        let lower = prefix.lowercased()
        let lowerCase = prefix.first?.isLowercase ?? false
        var seen = Set<String>()
        return words.filter { $0.lowercased().hasPrefix(lower) }
            .map { word in Keyword(rawValue: word) != nil && lowerCase ? word.lowercased() : word }
            .filter { seen.insert($0).inserted }
            .sorted()
    }
}
