import Foundation
import Testing
import TestSupport

/// The Spark-written tables of ../shared/corpus/hudi, unzipped once per process into a temp dir, and the
/// Python with hudi-rs (the oracle) that produces the expected rows.
enum HudiCorpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let directory: URL? = {
        SharedCorpus.has("hudi") ? SharedCorpus.url("hudi") : nil
    }()

    static var available: Bool { directory != nil }

    /// Table names (zip names without extension) matching `filter`.
    static func tables(_ filter: (String) -> Bool) -> [String] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".zip") }.map { String($0.dropLast(4)) }.filter(filter).sorted()
    }

    static let copyOnWrite = tables { $0.contains("_cow_") && !$0.contains("lance") }
    static let lance = tables { $0.contains("lance") }
    static let all = tables { _ in true }

    /// One unpacked copy per user, reused across runs (the v9 tables unpack to ~150 MB).
    static let unzipRoot: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-hudi-corpus-\(getuid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Unzips `name` (once) and returns the table's base path (the folder beside `__MACOSX`).
    static func unzip(_ name: String) throws -> URL {
        let target = unzipRoot.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: target.path) {
            // Unzip beside, then rename: an interrupted run never leaves a half table behind.
            let partial = unzipRoot.appendingPathComponent(name + ".partial-\(getpid())")
            try? FileManager.default.removeItem(at: partial)
            let zip = directory!.appendingPathComponent(name + ".zip")
            try run("/usr/bin/unzip", ["-qo", zip.path, "-d", partial.path])
            do {
                try FileManager.default.moveItem(at: partial, to: target)
            } catch {
                try? FileManager.default.removeItem(at: partial)
                guard FileManager.default.fileExists(atPath: target.path) else { throw error }
            }
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: target.path).filter { $0 != "__MACOSX" && !$0.hasPrefix(".") }
        guard entries.count == 1 else { throw CorpusError("\(name): expected one table folder, found \(entries)") }
        return target.appendingPathComponent(entries[0])
    }

    /// The dev Python (`DevPython`) when it can `import hudi`.
    static let python: String? = DevPython.path.flatMap { path in (try? run(path, ["-c", "import hudi"])) != nil ? path : nil }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CorpusError("\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
