import TableFormat

/// What one commit of a run did.
public struct IngestCommit: Sendable {
    public var instant: HoodieInstant
    public var files: [IngestedFile]
    public var inserted: Int64
    public var updated: Int64
    public var deleted: Int64
    public var millis: Int
}

/// What a run did: its commits, and the files it left alone. Every row read is ingested, quarantined or
/// skipped: `rowsRead == ingested + quarantined + skipped`.
public struct IngestReport: Sendable {
    public var commits: [IngestCommit] = []
    /// Files already in the table.
    public var alreadyIngested = 0
    /// Files ingested before whose size or version differs now (ingested again only with `reingestChanged`).
    public var changed: [SourceFile] = []
    public var createdTable = false
    public var stopped = false

    public init() {}

    public var files: Int { commits.reduce(0) { $0 + $1.files.count } }
    public var bytes: Int { commits.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.size } } }
    public var rowsRead: Int { total(\.rowsRead) }
    public var ingested: Int { total(\.ingested) }
    public var quarantined: Int { total(\.quarantined) }
    public var skipped: Int { total(\.skipped) }

    private func total(_ field: KeyPath<IngestedFile, Int>) -> Int {
        commits.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1[keyPath: field] } }
    }
}

/// Where a run is, for a progress display.
public struct IngestProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
    public var rows: Int
    public var seconds: Double
}
