import Columnar
import Foundation
import Storage
import Synchronization
import TableFormat
import TextFormats

/// A part of a commit's input that one reader reads: a whole file, or a byte range of a big CSV file split
/// at record boundaries (`CSVByteRanges`) so several workers parse it at once.
struct SourcePiece: Sendable {
    /// Index of the file in the commit's files.
    var file: Int
    /// The bytes read; nil: the whole file.
    var range: Range<Int>?
    /// 0 for a file's first range; later ranges continue the file (no header, lines counted from their start).
    var part: Int
}

/// What reading one piece found. Line numbers and validation ordinals count from the piece's start until
/// `CommitSource.merge` adds the lines and rows of the file's earlier pieces.
struct PieceResult: Sendable {
    var piece: SourcePiece
    var stats: IngestedFile
    var rejects: [QuarantineRecord] = []
    /// Rows that reached validation.
    var accepted = 0
    /// Lines the piece's text held.
    var lines = 0
    /// The piece's last record was cut inside a quoted field: its range did not end on a record boundary.
    var endsInsideQuotes = false
}

extension CommitSource {
    /// One summary for the commit from its pieces' results (any order): counts summed per file, rejects'
    /// lines and ordinals made file-wide, in file order. Throws `unsafeSplit` when a byte range other than a
    /// file's last ended inside quotes (the file must be read whole), and under `--on-error fail` the first
    /// reject in file order.
    static func merge(_ results: [PieceResult], files: [SourceFile], options: IngestOptions) throws -> Summary {
        var stats = files.map(IngestedFile.init(file:))
        var rejects: [QuarantineRecord] = []
        let ordered = results.sorted { ($0.piece.file, $0.piece.part) < ($1.piece.file, $1.piece.part) }
        var lines = 0
        var rows = 0
        for (i, result) in ordered.enumerated() {
            let file = result.piece.file
            if result.piece.part == 0 { (lines, rows) = (0, 0) }
            let last = i + 1 == ordered.count || ordered[i + 1].piece.file != file
            if result.endsInsideQuotes && !last {
                throw IngestError(.unsafeSplit, "\(files[file].location): byte \(result.piece.range?.upperBound ?? 0) is inside a quoted field; reading the file whole")
            }
            rejects += lines == 0 && rows == 0 ? result.rejects : result.rejects.map { $0.moved(lines: lines, rows: rows) }
            stats[file].add(result.stats)
            (lines, rows) = (lines + result.lines, rows + result.accepted)
        }
        if options.onError == .fail, let first = rejects.first { throw rejected(first) }
        return Summary(stats: stats, rejects: rejects, since: nil)
    }

    /// Whether a commit's files may be read by several workers, each writing its own file groups: a bulk
    /// insert with nothing that needs the rows in one order (`--since-column`, `--transform`).
    static func readsInParallel(_ options: IngestOptions) -> Bool {
        options.operation == .bulkInsert && options.sinceColumn == nil && options.transform == nil && options.parallelism > 1
    }

    /// Whether a parallel commit's failure may come from a cut inside a quoted field, so reading the files
    /// serially may succeed (or report the real error at its right line).
    static func isSplitFailure(_ error: any Error) -> Bool {
        (error as? IngestError)?.code == .unsafeSplit || error is TextFormatError
    }

    /// The commit's pieces: each local uncompressed CSV file big enough cut into one range per worker, the
    /// other files whole.
    static func pieces(_ files: [SourceFile], options: IngestOptions, workers: Int) throws -> [SourcePiece] {
        var pieces: [SourcePiece] = []
        for (i, file) in files.enumerated() {
            var ranges: [Range<Int>] = [0..<file.size]
            if file.format == .csv, let local = file.store as? LocalStore, options.text.csv.compression != .gzip,
               options.text.csv.compression != .zstd, options.text.csv.skipRows == 0 {
                ranges = try CSVByteRanges.split(path: local.root + "/" + file.key, size: file.size, count: workers,
                                                 minimumBytes: options.minimumSplitBytes)
            }
            let split = ranges.count > 1
            pieces += ranges.enumerated().map { SourcePiece(file: i, range: split ? $1 : nil, part: $0) }
        }
        return pieces
    }

    /// Reads `pieces` as `worker`'s share of a parallel commit: pieces are claimed from `queue` one at a
    /// time, so a worker that finishes early takes the next. The worker builds its own readers and validator.
    static func produce(worker: Int, files: [SourceFile], plans: [ReadPlan], schema: Schema, options: IngestOptions,
                        queue: PieceQueue, emit: (Batch) throws -> Void) throws -> [PieceResult] {
        let source = try CommitSource(files: files, plans: plans, schema: schema, options: options, transform: nil, since: nil,
                                      deferFailures: true) { queue.claim() }
        while let batch = try source.next() { try emit(batch) }
        return source.results
    }
}

/// The pieces of a parallel commit, claimed by workers in order.
final class PieceQueue: Sendable {
    private let pieces: [SourcePiece]
    private let next = Mutex(0)

    init(_ pieces: [SourcePiece]) { self.pieces = pieces }

    func claim() -> SourcePiece? {
        next.withLock { next in
            guard next < pieces.count else { return nil }
            defer { next += 1 }
            return pieces[next]
        }
    }
}

extension IngestedFile {
    mutating func add(_ piece: IngestedFile) {
        rowsRead += piece.rowsRead
        ingested += piece.ingested
        quarantined += piece.quarantined
        skipped += piece.skipped
        millis += piece.millis
    }
}
