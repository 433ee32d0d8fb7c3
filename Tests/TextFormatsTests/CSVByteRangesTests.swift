import Columnar
import Foundation
import Testing
@testable import TextFormats

/// A CSV file cut into byte ranges: each cut follows an LF, the ranges read with `continuesFile` give the
/// rows one reader gives, with lines counted from each range's start; a cut inside a quoted field shows as
/// the range before it ending inside quotes.
@Suite struct CSVByteRangesTests {
    static func file(_ text: String) throws -> String { try file(Array(text.utf8)) }

    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ranges-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every range of `path` read with the first range's dialect: rows, lines, rejected lines (file-wide) and
    /// whether each range ended inside quotes.
    static func readRanges(_ path: String, _ ranges: [Range<Int>]) throws -> (rows: [[Value]], lines: Int, rejected: [Int], insideQuotes: [Bool]) {
        var options = CSVOptions()
        options.onError = .collect
        var (rows, lines, rejected, inside) = ([[Value]](), 0, [Int](), [Bool]())
        for (k, range) in ranges.enumerated() {
            let reader = try CSVReader(input: FileInput(path: path, offset: range.lowerBound, limit: range.count), options: options)
            if k == 0 { (options.schema, options.delimiter, options.header, options.continuesFile) = (reader.schema, reader.delimiter, false, true) }
            while let batch = try reader.next() { rows += batch.rows }
            rejected += reader.takeRejected().map { $0.line + lines }
            lines += reader.linesRead
            inside.append(reader.endsInsideQuotes)
        }
        return (rows, lines, rejected, inside)
    }

    @Test func rangesReadAsOneReaderDoes() throws {
        var text = "id,name,amount\n"
        for n in 1...5_000 { text += n % 997 == 0 ? "\(n),bad\n" : "\(n),\"name \(n)\",\(Double(n) / 4)\n" }
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = text.utf8.count
        let ranges = try CSVByteRanges.split(path: path, size: size, count: 3, minimumBytes: 1_000)
        #expect(ranges.count == 3)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == size)
        let bytes = Array(text.utf8)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound && bytes[b.lowerBound - 1] == 0x0A) }
        let whole = try Self.readRanges(path, [0..<size])
        let split = try Self.readRanges(path, ranges)
        #expect(whole.rows.count == 5_000 - 5)
        #expect(split.rows == whole.rows)
        #expect(split.rejected == whole.rejected && whole.rejected == [998, 1995, 2992, 3989, 4986])
        #expect(split.lines == 5_001 && split.insideQuotes == [false, false, false])
    }

    @Test func aCutInsideQuotesShows() throws {
        // One quoted field of many lines spans the middle of the file.
        let field = String(repeating: "text\n", count: 400)
        var text = "id,note\n"
        for n in 1...100 { text += "\(n),short\n" }
        text += "101,\"\(field)\"\n"
        for n in 102...200 { text += "\(n),short\n" }
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ranges = try CSVByteRanges.split(path: path, size: text.utf8.count, count: 2, minimumBytes: 100)
        #expect(ranges.count == 2)
        let split = try Self.readRanges(path, ranges)
        // The second range starts inside the note: it reads the closing quote as an opening one.
        #expect(split.insideQuotes == [true, true])
        let whole = try Self.readRanges(path, [0..<text.utf8.count])
        #expect(whole.rows.count == 200 && whole.insideQuotes == [false])
    }

    @Test func smallOrCompressedFilesStayWhole() throws {
        let path = try Self.file("a,b\n1,2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CSVByteRanges.split(path: path, size: 8, count: 2, minimumBytes: 1) == [0..<8])
        let gz = try Self.file([0x1F, 0x8B] + Array(String(repeating: "x\n", count: 100).utf8))
        defer { try? FileManager.default.removeItem(atPath: gz) }
        #expect(try CSVByteRanges.split(path: gz, size: 202, count: 2, minimumBytes: 10).count == 1)
    }

    @Test func aContinuationNeedsTheDialect() throws {
        var options = CSVOptions()
        options.continuesFile = true
        #expect(throws: TextFormatError.self) { _ = try CSVReader(input: MemoryInput(Array("1,2\n".utf8)), options: options) }
    }
}
