import Foundation
import SQLLogicTest

/// SQLite itself (Python's sqlite3 module in a child process) behind `SQLLogicTestEngine`, so the runner's
/// rendering, sorting, hashing and label checks are judged against the engine that wrote the expected results.
/// Requests are one JSON line each way.
final class SQLiteEngine: SQLLogicTestEngine {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import json, sqlite3, sys
        db = sqlite3.connect(":memory:", isolation_level=None)
        def tag(v):
            if v is None: return None
            if isinstance(v, int): return ["i", str(v)]
            if isinstance(v, float): return ["r", repr(v)]
            if isinstance(v, bytes): return ["t", v.decode("latin-1")]
            return ["t", v]
        for line in sys.stdin:
            sql = json.loads(line)
            try:
                try:
                    cursor = db.execute(sql)
                except (sqlite3.Warning, sqlite3.ProgrammingError) as error:
                    # Several statements in one record: sqlite3_exec (the reference runner) runs them all.
                    if "one statement" not in str(error):
                        raise
                    cursor = db.executescript(sql)
                columns = len(cursor.description) if cursor.description else 0
                rows = [[tag(v) for v in row] for row in cursor.fetchall()]
                reply = {"columns": columns, "rows": rows}
            except Exception as error:
                reply = {"error": str(error)}
            sys.stdout.write(json.dumps(reply) + "\\n")
            sys.stdout.flush()
        """

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    init?() {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return nil }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", Self.script]
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return nil }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    func execute(_ sql: String) throws -> QueryOutcome {
        let request = try JSONSerialization.data(withJSONObject: sql, options: .fragmentsAllowed)
        input.fileHandleForWriting.write(request + Data([0x0A]))
        let reply = try JSONSerialization.jsonObject(with: try readLine()) as? [String: Any] ?? [:]
        if let error = reply["error"] as? String { throw Failure(description: error) }
        let rows = (reply["rows"] as? [[Any]] ?? []).map { $0.map(Self.value) }
        return QueryOutcome(columnCount: reply["columns"] as? Int ?? 0, rows: rows)
    }

    private func readLine() throws -> Data {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return Data(line)
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "sqlite3 child process ended") }
            buffer.append(chunk)
        }
    }

    /// Values arrive tagged (`["i", "42"]`, `["r", "1.5"]`, `["t", "x"]`, null) so JSON's one number type
    /// cannot blur integers and reals.
    private static func value(_ any: Any) -> ResultValue {
        guard let pair = any as? [String], pair.count == 2 else { return .null }
        switch pair[0] {
        case "i": return Int64(pair[1]).map(ResultValue.integer) ?? .null
        case "r": return Double(pair[1]).map(ResultValue.real) ?? .null
        default: return .text(pair[1])
        }
    }
}
