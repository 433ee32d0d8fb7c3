import Columnar
import Foundation
import Testing
@testable import Parquet

/// The per-batch byte-array limit (`ParquetReadOptions.byteArrayBatchLimit`) with a small artificial value:
/// batches end before the record that would take a leaf past it, never split a record, and together give
/// the same rows as an unlimited read.
@Suite struct ReaderByteLimitTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("s", .string),
        Field("l", .list(Field("element", .string))),
        Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int32))),
    ])
    static let limit = 300
    static let batchSize = 64

    /// 400 rows; every 97th row holds a string longer than the limit (it must come alone).
    static func columns() -> [Vector] {
        var columns = schema.fields.map { Vector.empty($0.type) }
        for i in 0..<400 {
            let text = String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: i % 97 == 5 ? 2 * limit : i % 40)
            columns[0].append(.int(Int64(i)))
            columns[1].append(i % 11 == 0 ? .null : .string(text))
            columns[2].append(i % 7 == 0 ? .null : .list((0..<(i % 4)).map { $0 == 1 ? .null : .string(String(text.prefix($0 * 9))) }))
            columns[3].append(i % 5 == 0 ? .null : .map((0..<(i % 3)).map { (key: .string("k\($0)" + text.prefix(i % 13)), value: .int(Int64($0))) }))
        }
        return columns
    }

    static func write(dictionary: Bool, version: Int, pageSize: Int) throws -> String {
        var options = ParquetWriteOptions()
        options.codec = .uncompressed
        options.dictionary = dictionary
        options.dataPageVersion = version
        options.pageSize = pageSize
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bytelimit-\(UUID().uuidString).parquet").path
        let writer = try ParquetWriter(sink: try FileSink(path: path), schema: schema, options: options)
        try writer.write(columns: columns())
        _ = try writer.close()
        return path
    }

    /// String bytes in one column's value (each column here has at most one byte-array leaf).
    static func stringBytes(_ value: Value) -> Int {
        switch value {
        case .string(let text): text.utf8.count
        case .list(let items): items.reduce(0) { $0 + stringBytes($1) }
        case .map(let entries): entries.reduce(0) { $0 + stringBytes($1.key) + stringBytes($1.value) }
        default: 0
        }
    }

    static func read(_ path: String, limit: Int?, bufferLimit: Int? = nil) throws -> [[[Value]]] {
        var options = ParquetReadOptions()
        options.batchSize = batchSize
        if let limit { options.byteArrayBatchLimit = limit }
        if let bufferLimit { options.byteArrayBufferLimit = bufferLimit }
        let reader = try ParquetFileReader(source: try FileSource(path: path), options: options)
        var iterator = reader.makeBatchIterator()
        var batches: [[[Value]]] = []
        while let batch = try iterator.next() { batches.append(batch.rows) }
        return batches
    }

    /// With a small buffer limit too, pages wait decoded apart (`pending`) and batches may end earlier than
    /// the batch limit alone would end them.
    @Test(arguments: [(true, 1, 256, nil), (false, 1, 256, nil), (true, 2, 4096, nil), (false, 2, 1 << 20, nil),
                      (false, 1, 256, 400), (true, 2, 256, 400), (false, 2, 1 << 20, 400)])
    func batchesStopBeforeTheLimit(dictionary: Bool, version: Int, pageSize: Int, bufferLimit: Int?) throws {
        let path = try Self.write(dictionary: dictionary, version: version, pageSize: pageSize)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let limited = try Self.read(path, limit: Self.limit, bufferLimit: bufferLimit)
        let whole = try Self.read(path, limit: nil)
        #expect(limited.flatMap { $0 } == whole.flatMap { $0 })
        #expect(whole.flatMap { $0 }.count == 400)
        #expect(limited.count > whole.count)
        let rows = whole.flatMap { $0 }
        var next = 0
        for batch in limited {
            #expect(!batch.isEmpty && batch.count <= Self.batchSize)
            for column in 1...3 {
                let bytes = batch.reduce(0) { $0 + Self.stringBytes($1[column]) }
                #expect(batch.count == 1 || bytes <= Self.limit, "rows \(next)..<\(next + batch.count), column \(column): \(bytes) bytes")
            }
            next += batch.count
            guard bufferLimit == nil else { continue }
            // Ended early: the next row would have passed the limit in some leaf.
            if batch.count < Self.batchSize && next < rows.count {
                let over = (1...3).contains { column in
                    (batch + [rows[next]]).reduce(0) { $0 + Self.stringBytes($1[column]) } > Self.limit
                }
                #expect(over, "the batch before row \(next) ended early without reason")
            }
        }
    }

    @Test func readRowGroupRefusesToTruncate() throws {
        let path = try Self.write(dictionary: true, version: 1, pageSize: 1 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = ParquetReadOptions()
        options.byteArrayBatchLimit = Self.limit
        let reader = try ParquetFileReader(source: try FileSource(path: path), options: options)
        let error = #expect(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error?.code == .unsupported)
    }
}
