import ArgumentParser
import Foundation
import Storage

/// `sluice doctor URI`: checks that a warehouse location can hold tables, one OK/FAIL line per capability.
/// `--bench` instead times uploading and downloading a volume of objects (used by Benchmarks/compare/s3.sh).
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a warehouse location (path, file://, s3://, memory://) for what tables need.")

    @Argument(help: "The location to probe, e.g. s3://bucket/warehouse.")
    var uri: String

    @Flag(help: ArgumentHelp("Time uploads and downloads instead of checking.", visibility: .hidden))
    var bench = false

    @Option(help: ArgumentHelp("Benchmark: total bytes.", visibility: .hidden))
    var benchBytes = 1 << 30

    @Option(help: ArgumentHelp("Benchmark: bytes per object.", visibility: .hidden))
    var benchObjectBytes = 8 << 20

    func run() throws {
        let store: any ObjectStore
        do { store = try ObjectStores.open(uri: uri) } catch {
            print("FAIL  open \(uri): \(error)")
            throw ExitCode(2)
        }
        if bench { return try runBenchmark(store) }
        print("sluice doctor \(store.uri)")
        let checks = StoreDoctor(store: store).run()
        for check in checks { print("\(check.ok ? "OK  " : "FAIL")  \(check.name): \(check.detail)") }
        let failed = checks.filter { !$0.ok }
        if checks.count < 8 || !failed.isEmpty {
            print("\(store.uri) is NOT usable for tables: \(failed.map(\.name).joined(separator: ", ")) failed")
            throw ExitCode(1)
        }
        print("\(store.uri) is usable for tables")
    }

    /// Sequential puts, then sequential gets, of `benchBytes / benchObjectBytes` objects; prints seconds.
    private func runBenchmark(_ store: any ObjectStore) throws {
        let count = max(1, benchBytes / max(1, benchObjectBytes))
        let payload = (0..<benchObjectBytes).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let prefix = "sluice-bench-\(UUID().uuidString.prefix(8))/"
        let keys = (0..<count).map { prefix + String(format: "%06d", $0) }
        let upStart = Date()
        for key in keys { try store.put(key, payload) }
        let up = Date().timeIntervalSince(upStart)
        let downStart = Date()
        var total = 0
        for key in keys { total += try store.get(key).count }
        let down = Date().timeIntervalSince(downStart)
        guard total == count * benchObjectBytes else { throw ValidationError("read \(total) bytes, wrote \(count * benchObjectBytes)") }
        for key in keys { try store.delete(key) }
        print(String(format: "objects=%d object_bytes=%d up_seconds=%.3f down_seconds=%.3f", count, benchObjectBytes, up, down))
    }
}
