/// The shell's dot commands, parsed from one input line that starts with `.`.
public enum DotCommand: Equatable, Sendable {
    case help
    case tables
    case schema(String?)
    case mode(SQLResultRenderer.Format?)
    case timer(Bool)
    case read(String)
    case output(String?)
    case open(String)
    case quit
    case timeline(String)
    case maxRows(Int)
    /// A line the shell cannot run, with the reason.
    case invalid(String)

    public static let helpText = """
        .help               this text
        .tables             the warehouse's tables
        .schema [TABLE]     columns and types of one table, or of all
        .mode [MODE]        output mode: box, table, csv, tsv, json, jsonl, markdown, line
        .timer on|off       print each statement's run time
        .read FILE          run the SQL statements in FILE
        .output FILE|stdout send results to FILE, or back to the terminal
        .open URI           switch to another warehouse (a directory or s3://bucket/prefix)
        .timeline TABLE     the table's instants: commits, cleans, rollbacks
        .maxrows N          rows shown by box mode before the rest are cut
        .quit               leave (also Ctrl-D)
        Statements end with ';' and may span lines. Ctrl-C cancels a running statement.
        """

    public init(_ line: String) {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let argument = words.count > 1 ? words[1...].joined(separator: " ") : nil
        switch words.first?.lowercased() ?? "" {
        case ".help": self = .help
        case ".tables": self = .tables
        case ".schema": self = .schema(argument)
        case ".quit", ".exit": self = .quit
        case ".mode":
            guard let argument else { self = .mode(nil); return }
            guard let format = SQLResultRenderer.Format(rawValue: argument.lowercased()) else {
                self = .invalid("unknown mode \(argument): use " + SQLResultRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))
                return
            }
            self = .mode(format)
        case ".timer":
            switch argument?.lowercased() {
            case "on": self = .timer(true)
            case "off": self = .timer(false)
            default: self = .invalid(".timer takes on or off")
            }
        case ".read": self = argument.map { .read($0) } ?? .invalid(".read takes a file name")
        case ".output": self = .output(argument.flatMap { $0 == "stdout" ? nil : $0 })
        case ".open": self = argument.map { .open($0) } ?? .invalid(".open takes a warehouse URI")
        case ".timeline": self = argument.map { .timeline($0) } ?? .invalid(".timeline takes a table name")
        case ".maxrows":
            guard let argument, let n = Int(argument), n > 0 else { self = .invalid(".maxrows takes a positive number"); return }
            self = .maxRows(n)
        default: self = .invalid("unknown command \(words.first ?? line): try .help")
        }
    }
}
