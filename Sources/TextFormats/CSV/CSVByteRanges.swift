#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a local, uncompressed CSV file into byte ranges that several readers parse at once, as DuckDB's
/// parallel CSV scan does: each range but the first starts just after the first LF at or past its share of
/// the file. An LF outside quotes always ends a record, so a cut is a record boundary unless it falls inside
/// a quoted field; the reader of the range before it then ends inside quotes (`CSVReader.endsInsideQuotes`),
/// and the caller must read the file whole instead. Later ranges use `CSVOptions.continuesFile`.
public enum CSVByteRanges {
    /// How far past a share's start an LF is looked for before the cut is given up.
    static let searchBytes = 1 << 20

    /// Up to `count` ranges covering `[0, size)` of the file at `path`, none shorter than about
    /// `minimumBytes`; one range when the file is compressed, small, or has no LF where a cut would go.
    public static func split(path: String, size: Int, count: Int, minimumBytes: Int = 16 << 20) throws -> [Range<Int>] {
        let parts = min(count, size / max(1, minimumBytes))
        guard parts > 1 else { return [0..<size] }
        let head = try read(path, offset: 0, count: 4)
        guard InputPipeline.detect(head) == .none else { return [0..<size] }
        var cuts = [0]
        for k in 1..<parts {
            let share = Int((Int64(size) * Int64(k)) / Int64(parts))
            guard share > cuts[cuts.count - 1] else { continue }
            let window = try read(path, offset: share, count: min(searchBytes, size - share))
            guard let lf = window.firstIndex(of: 0x0A), share + lf + 1 < size else { continue }
            cuts.append(share + lf + 1)
        }
        cuts.append(size)
        return (1..<cuts.count).map { cuts[$0 - 1]..<cuts[$0] }
    }

    private static func read(_ path: String, offset: Int, count: Int) throws -> [UInt8] {
        let input = try FileInput(path: path, offset: offset, limit: count)
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { try input.readFully(into: $0) }
        bytes.removeLast(count - n)
        return bytes
    }
}
