import Foundation
import Parquet

/// Reads one corpus file completely and summarizes it. The Parquet reader is plugged in here
/// (CorpusReading.swift), so the summary code is tested on its own, on vectors built by hand. `int96Leaves` are
/// summarized as INT96; `rawInt96` reads them as their raw 12 bytes (`ParquetReadOptions.int96AsFixedBinary`).
typealias CorpusFileReader = @Sendable (_ path: String, _ verifyChecksums: Bool, _ int96Leaves: Set<String>,
                                        _ rawInt96: Bool) throws -> FileSummary

/// What happened when a file was read under a time bound.
enum ReadOutcome: Sendable {
    case read(FileSummary)
    case threw(any Error)
    case timedOut(seconds: Double)
}

/// Runs each corpus entry under a time bound and judges the outcome against what the entry expects.
struct ConformanceRunner: Sendable {
    var manifest: String
    var reader: CorpusFileReader
    /// Seconds one file may take (debug build) before it counts as a hang.
    var timeLimit: Double = 120

    /// The mismatches of `entry`, empty when it conforms. A file with INT96 leaves is read twice: raw, where
    /// every value (also those outside Int64 nanoseconds) must match exactly, and decoded to timestamps, where
    /// the values Int64 nanoseconds can hold must.
    func check(_ entry: ExpectedEntry, verifyChecksums: Bool = false) -> [Mismatch] {
        let path = Corpus.path(manifest, entry.file)
        let int96 = Set((entry.summary ?? [:]).filter { $0.value.kind == "int96" }.keys)
        let modes = int96.isEmpty ? [false] : [true, false]
        return modes.flatMap { raw in
            judge(entry, ConformanceRunner.bounded(seconds: timeLimit) { [reader] in
                try reader(path, verifyChecksums, int96, raw)
            })
        }
    }

    func judge(_ entry: ExpectedEntry, _ outcome: ReadOutcome) -> [Mismatch] {
        func fail(_ expected: String, _ got: String) -> [Mismatch] {
            [Mismatch(file: entry.file, field: "outcome", expected: expected, got: got)]
        }
        switch (entry.expect, outcome) {
        case (_, .timedOut(let seconds)):
            return fail("an answer", "no answer within \(Int(seconds)) s (hang)")
        case (.read, .read(let summary)), (.errorOrRead, .read(let summary)):
            return SummaryComparison.compare(entry, summary)
        case (.error, .read(let summary)):
            return fail("a ParquetError", "\(summary.rows) rows read")
        case (_, .threw(let error as ParquetError)):
            if entry.expect == .read { return fail("a successful read", "ParquetError.\(error.code): \(error.message)") }
            if entry.isEncrypted && error.code != .encrypted {
                return fail("ParquetError.encrypted", "ParquetError.\(error.code): \(error.message)")
            }
            return []
        case (_, .threw(let error)):
            return fail(entry.expect == .read ? "a successful read" : "a ParquetError", "\(type(of: error)): \(error)")
        }
    }

    /// Runs `body` on its own thread and waits at most `seconds`. A hung reader is left behind on its thread
    /// (the test process ends with it); the caller reports the hang and goes on with the next file.
    static func bounded(seconds: Double, _ body: @escaping @Sendable () throws -> FileSummary) -> ReadOutcome {
        final class Slot: @unchecked Sendable {
            var outcome: ReadOutcome?
            let done = DispatchSemaphore(value: 0)
        }
        let slot = Slot()
        let thread = Thread {
            do { slot.outcome = .read(try body()) } catch { slot.outcome = .threw(error) }
            slot.done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        guard slot.done.wait(timeout: .now() + seconds) == .success, let outcome = slot.outcome else {
            return .timedOut(seconds: seconds)
        }
        return outcome
    }
}
