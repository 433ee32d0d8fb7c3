import ArgumentParser
import Foundation
import Sluice

/// How `sluice ingest` runs: commit sizes, changed files, deletes, validation, rejects, watch mode, output.
struct IngestRunOptions: ParsableArguments {
    @Option(name: .customLong("max-files"), help: "At most this many files per commit.") var maxFiles: Int?
    @Option(name: .customLong("max-bytes"), help: "At most about this many source bytes per commit (default 256MB; it bounds memory).") var maxBytes: String?
    @Flag(name: .customLong("reingest-changed"), help: "Ingest again files that changed since they were ingested.") var reingestChanged = false
    @Option(name: .customLong("since-column"), help: "For sources that rewrite files: take only rows above this column's last checkpointed maximum.") var sinceColumn: String?
    @Option(help: "SQL applied to each batch before it is written: 'SELECT ... FROM source'.") var transform: String?
    @Option(name: .customLong("schema-mode"), help: "evolve (add new columns, widen types) or freeze.") var schemaMode = "evolve"
    @Option(name: .customLong("delete-column"), help: "CDC column whose --delete-value marks deletes.") var deleteColumn: String?
    @Option(name: .customLong("delete-value"), help: "The --delete-column text of a delete (default D).") var deleteValue: String?
    @Option(help: "A SQL predicate every row must not make false, over table 'source' (repeatable).") var expect: [String] = []
    @Option(name: .customLong("on-error"), help: "Rejected rows: quarantine, fail or skip.") var onError = "quarantine"
    @Option(help: "The quarantine table; default <table>_quarantine beside the table.") var quarantine: String?
    @Flag(help: "Keep polling the sources; SIGINT or SIGTERM stops after the current commit.") var watch = false
    @Option(help: "Polling interval with --watch (30s, 500ms, 2m).") var interval = "30s"
    @Flag(help: "Print the summary as one JSON object.") var json = false
    @Option(help: "Bulk insert workers, each reading its share of the files (big CSV files in byte ranges) and writing its own file groups; default: one per core.") var threads: Int?

    func apply(to options: inout IngestOptions, table: String) throws {
        options.maxFiles = maxFiles
        if let threads {
            guard threads > 0 else { throw IngestError(.invalidOption, "--threads must be positive, not \(threads)") }
            options.parallelism = threads
        }
        options.maxBytes = try maxBytes.map(Self.bytes) ?? IngestOptions.defaultMaxBytes
        options.reingestChanged = reingestChanged
        options.sinceColumn = sinceColumn
        options.transform = transform
        guard let mode = SchemaMode(rawValue: schemaMode) else {
            throw IngestError(.invalidOption, "unknown --schema-mode '\(schemaMode)' (evolve, freeze)")
        }
        options.schemaMode = mode
        options.deleteColumn = deleteColumn
        options.deleteValue = deleteValue
        options.expectations = expect
        guard let policy = RowErrorPolicy(rawValue: onError) else {
            throw IngestError(.invalidOption, "unknown --on-error '\(onError)' (quarantine, fail, skip)")
        }
        options.onError = policy
        if policy == .quarantine {
            let uri = quarantine ?? Self.sibling(of: table)
            options.quarantine = (try ObjectStores.open(uri: uri), "")
        }
    }

    /// `<table>_quarantine` beside the table: `s3://b/t` → `s3://b/t_quarantine`.
    static func sibling(of table: String) -> String {
        var base = table
        while base.hasSuffix("/") { base.removeLast() }
        return base + "_quarantine"
    }

    /// `1024`, `64KB`, `256MB`, `2GB` (powers of 1024).
    static func bytes(_ text: String) throws -> Int {
        let upper = text.uppercased().trimmingCharacters(in: .whitespaces)
        for (suffix, shift) in [("KB", 10), ("MB", 20), ("GB", 30), ("K", 10), ("M", 20), ("G", 30), ("B", 0)] where upper.hasSuffix(suffix) {
            guard let n = Int(upper.dropLast(suffix.count)), n > 0, n < (1 << (62 - shift)) else { break }
            return n << shift
        }
        guard let n = Int(upper), n > 0 else { throw IngestError(.invalidOption, "--max-bytes '\(text)' is not a size (e.g. 256MB)") }
        return n
    }

    /// `30s`, `500ms`, `2m`, `1h`, or plain seconds.
    func intervalSeconds() throws -> Double {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where interval.hasSuffix(suffix) {
            if let n = Double(interval.dropLast(suffix.count)), n > 0 { return n * scale }
        }
        guard let n = Double(interval), n > 0 else { throw IngestError(.invalidOption, "--interval '\(interval)' is not a duration (e.g. 30s)") }
        return n
    }
}
