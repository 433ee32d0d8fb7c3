import Foundation

/// The Python with the project's dev tools (pyarrow, duckdb, hudi-rs, fastavro): `$SLUICE_PYTHON`, else the
/// checkout's `.venv` that `make test` creates (scripts/deps.sh). Suites that shell out to it are enabled only
/// when it is there.
public enum DevPython {
    /// The package root (Tests/TestSupport/DevPython.swift -> ../..).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let path: String? = {
        if let python = ProcessInfo.processInfo.environment["SLUICE_PYTHON"] { return python }
        let venv = packageRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }()

    public static var available: Bool { path != nil }

    /// Runs `script` with `python -c` and returns its standard output, trimmed.
    public static func output(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "python3")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
