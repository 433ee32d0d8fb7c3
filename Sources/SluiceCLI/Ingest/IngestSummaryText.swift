import Foundation
import Sluice

/// The run's summary: one line for people, one JSON object for machines. Rows read always equal ingested +
/// quarantined + skipped.
enum IngestSummaryText {
    static func line(_ r: IngestReport) -> String {
        let instants = r.commits.map(\.instant.requestedTime)
        var text = "\(r.commits.count) commit(s)" + (instants.isEmpty ? "" : " (\(instants.first!)\(instants.count > 1 ? "..\(instants.last!)" : ""))")
        text += ": \(r.files) file(s), \(r.bytes) bytes; \(r.rowsRead) rows read: \(r.ingested) ingested, "
            + "\(r.quarantined) quarantined, \(r.skipped) skipped; "
            + "\(r.commits.reduce(0) { $0 + $1.inserted }) inserted, \(r.commits.reduce(0) { $0 + $1.updated }) updated, "
            + "\(r.commits.reduce(0) { $0 + $1.deleted }) deleted"
        if r.alreadyIngested > 0 { text += "; \(r.alreadyIngested) file(s) already ingested" }
        if !r.changed.isEmpty { text += "; \(r.changed.count) changed" }
        if r.createdTable { text += " (table created)" }
        if r.stopped { text += " (stopped)" }
        return text
    }

    static func json(_ r: IngestReport) -> String {
        let object: [String: Any] = [
            "commits": r.commits.map { commit in
                ["instant": commit.instant.requestedTime, "files": commit.files.map(\.location), "inserted": commit.inserted,
                 "updated": commit.updated, "deleted": commit.deleted, "millis": commit.millis] as [String: Any]
            },
            "files": r.files, "bytes": r.bytes, "rowsRead": r.rowsRead, "ingested": r.ingested, "quarantined": r.quarantined,
            "skipped": r.skipped, "alreadyIngested": r.alreadyIngested, "changed": r.changed.map(\.location),
            "createdTable": r.createdTable, "stopped": r.stopped,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A one-line progress bar on stderr (only on a terminal): files, rows, bytes, rate.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: IngestProgress) {
        guard enabled else { return }
        let fraction = p.bytesTotal > 0 ? Double(p.bytesDone) / Double(p.bytesTotal) : 1
        let width = 24
        let filled = Int(fraction * Double(width))
        let rate = p.seconds > 0 ? Double(p.bytesDone) / p.seconds / 1_048_576 : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text = String(format: "\r[%@] %d/%d files, %d rows, %.1f/%.1f MiB, %.1f MiB/s", bar, p.filesDone, p.filesTotal, p.rows,
                          Double(p.bytesDone) / 1_048_576, Double(p.bytesTotal) / 1_048_576, rate)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
