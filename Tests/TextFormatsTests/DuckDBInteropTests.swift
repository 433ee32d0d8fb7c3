import Columnar
import Foundation
import Testing
@testable import TextFormats
import TestSupport

/// Files written by DuckDB and pyarrow (scripts/interop/text_formats.py) must read as the values DuckDB's
/// read_csv / read_json find in them, and what our writers make of them must read back in DuckDB as the same
/// values. Skipped, with the reason shown, when the project venv is missing.
@Suite struct DuckDBInteropTests {
    static let python = DevPython.path ?? ""
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/interop/text_formats.py").path
    static let available = DevPython.available

    @Test(.enabled(if: available, "needs \(python) with duckdb and pyarrow (set SLUICE_PYTHON)"))
    func duckDBAndPyarrowFilesReadAndWriteBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-text-\(UUID().uuidString)").path
        // SLUICE_KEEP_INTEROP=1 keeps the files for a look.
        defer { if ProcessInfo.processInfo.environment["SLUICE_KEEP_INTEROP"] == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let generated = try Self.run(["generate", dir])
        try #require(generated.status == 0, "generate failed: \(generated.output)")
        for sub in ["ours", "written"] { try FileManager.default.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true) }
        let manifest = try String(contentsOfFile: "\(dir)/manifest.tsv", encoding: .utf8)
        for line in manifest.split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            try check(dir: dir, file: parts[0], json: parts[1] == "json", latin1: parts[2] == "latin1")
        }
        let verified = try Self.run(["verify", dir])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains(" passed, 0 failed"))
    }

    /// Reads `file` with our reader, dumps the values for the script, and writes it back as CSV and JSONL.
    private func check(dir: String, file: String, json: Bool, latin1: Bool) throws {
        let reader: TextBatchReader
        if json {
            reader = try JSONReader(path: "\(dir)/\(file)")
        } else {
            var options = CSVOptions()
            if latin1 { options.encoding = .latin1 }
            reader = try CSVReader(path: "\(dir)/\(file)", options: options)
        }
        let csvOut = try FileOutput(path: "\(dir)/written/\(file).csv")
        let csvWriter = try CSVWriter(output: csvOut, schema: reader.schema)
        let jsonWriter = JSONLinesWriter(output: try FileOutput(path: "\(dir)/written/\(file).jsonl"), schema: reader.schema)
        var rows: [String] = []
        while let batch = try reader.next() {
            for row in batch.rows { rows.append("[" + zip(row, reader.schema.fields).map { Self.json($0, $1.type) }.joined(separator: ",") + "]") }
            try csvWriter.write(batch)
            try jsonWriter.write(batch)
        }
        try csvWriter.finish()
        try jsonWriter.finish()
        if reader.schema.fields.contains(where: { $0.type.isNested }) {
            try FileManager.default.removeItem(atPath: "\(dir)/written/\(file).csv")  // CSV cannot hold nested values
        }
        let columns = reader.schema.fields.map { "[\(Self.quoted($0.name)),\(Self.quoted(TypeName.of($0.type)))]" }
        let text = "{\"columns\":[\(columns.joined(separator: ","))],\"rows\":[\(rows.joined(separator: ","))]}"
        try text.write(toFile: "\(dir)/ours/\(file).json", atomically: true, encoding: .utf8)
        #expect(reader.counts.rejected == 0)
    }

    /// The script's normalized JSON for one value (see text_formats.py `cell`).
    static func json(_ value: Value, _ type: DataType) -> String {
        switch (value, type) {
        case (.null, _): return "null"
        case (.bool(let b), _): return b ? "true" : "false"
        case (.int(let v), .date):
            var out: [UInt8] = []
            ValueText.date(v, into: &out)
            return quoted(String(decoding: out, as: UTF8.self))
        case (.int(let v), .timestamp(let unit, _)):
            let micros = unit == .nanosecond ? v / 1_000 : v * (1_000_000 / unit.perSecond)
            let fraction = (micros % 1_000_000 + 1_000_000) % 1_000_000
            var out: [UInt8] = []
            ValueText.timestamp(micros - fraction, unit: .microsecond, into: &out)
            let text = String(decoding: out, as: UTF8.self) + (fraction == 0 ? "" : "." + String(String(fraction + 1_000_000).dropFirst()))
            return quoted(text)
        case (.int(let v), _): return String(v)
        case (.uint(let v), _): return String(v)
        case (.float(let v), _): return v.isFinite ? "\(v)" : quoted("\(v)")
        case (.decimal(let v), .decimal(_, let scale)):
            var out: [UInt8] = []
            ValueText.decimal(v, scale: scale, into: &out)
            return quoted(String(decoding: out, as: UTF8.self))
        case (.string(let s), _): return quoted(s)
        case (.list(let items), .list(let element)): return "[" + items.map { json($0, element.type) }.joined(separator: ",") + "]"
        case (.structure(let items), .structure(let fields)):
            return "{" + zip(items, fields).map { "\(quoted($1.name)):\(json($0, $1.type))" }.joined(separator: ",") + "}"
        default: return quoted("\(value)")
        }
    }

    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        JSONLinesWriter.string(Array(s.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
