import Dispatch
import Foundation
import Sluice
import Synchronization

/// Runs `sluice ingest` once or, with `--watch`, until SIGINT or SIGTERM: the signal only raises a flag, which
/// is read between commits, so the process never stops inside one.
struct IngestRunner {
    let ingests: [IncrementalIngest]
    let options: IngestRunOptions
    let table: String

    static let stopRequested = Atomic<Bool>(false)

    func start() throws {
        let signals = options.watch ? Self.trapStopSignals() : []
        defer { signals.forEach { $0.cancel() } }
        let stop = { Self.stopRequested.load(ordering: .relaxed) }
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) != 0 && !options.json)
        var total = IngestReport()
        repeat {
            let started = Date()
            for ingest in ingests where !stop() {
                let report = try ingest.run(stop: stop, progress: progress.show)
                progress.clear()
                total.merge(report)
                if options.watch, !report.commits.isEmpty || !report.changed.isEmpty { print(report, ingested: 0) }
            }
            guard options.watch, !stop() else { break }
            let deadline = started.addingTimeInterval(try options.intervalSeconds())
            while !stop(), Date() < deadline { usleep(50_000) }
        } while !stop()
        total.stopped = stop()
        print(total, ingested: 0)
    }

    /// Replaces the default action of SIGINT and SIGTERM (terminate) by setting `stopRequested`.
    static func trapStopSignals() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopRequested.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
    }

    private func print(_ report: IngestReport, ingested _: Int) {
        if options.json {
            TableCLI.write(IngestSummaryText.json(report) + "\n")
        } else {
            TableCLI.write(IngestSummaryText.line(report) + "\n")
        }
        for file in report.changed {
            FileHandle.standardError.write(Data("sluice: \(file.location) changed since it was ingested (size \(file.size), version \(file.version))\(options.reingestChanged ? ": ingested again" : "; --reingest-changed ingests it again")\n".utf8))
        }
    }
}

extension IngestReport {
    mutating func merge(_ other: IngestReport) {
        commits += other.commits
        alreadyIngested += other.alreadyIngested
        changed += other.changed
        createdTable = createdTable || other.createdTable
        stopped = stopped || other.stopped
    }
}
