import Benchmark
import Columnar
import Parquet

/// Decode and encode kernels of the Parquet module, on in-memory inputs built once per benchmark:
/// RLE/bit-packed hybrid decode, PLAIN decode, dictionary gather, snappy round trip, and the writer
/// encoding an int64 + string batch. One iteration processes the whole input named in the benchmark.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 200)
    let count = Inputs.count

    Benchmark("RLE hybrid decode, bit width 3, 1M values") { benchmark in
        let encoded = Inputs.rle
        var output = [UInt32](repeating: 0, count: count)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try encoded.withUnsafeBytes { bytes in
                var decoder = try RLEHybridDecoder(bytes: bytes, bitWidth: 3)
                let decoded = try output.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
                blackHole(decoded)
            }
        }
    }

    Benchmark("PLAIN decode INT64, 1M values") { benchmark in
        let page = Inputs.int64s
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var values = ByteBuffer(capacity: count * 8)
            _ = try page.withUnsafeBytes { try PlainDecoder.decodeFixedWidth($0, count: count, width: 8, into: &values) }
            blackHole(values)
        }
    }

    Benchmark("PLAIN decode BYTE_ARRAY, 1M strings") { benchmark in
        let page = Inputs.byteArrays
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var bytes = ByteBuffer()
            var offsets: ContiguousArray<Int32> = [0]
            _ = try page.withUnsafeBytes { try PlainDecoder.decodeByteArray($0, count: count, bytes: &bytes, offsets: &offsets) }
            blackHole(offsets)
        }
    }

    Benchmark("Dictionary gather INT64, 1k entries, 1M values") { benchmark in
        let (section, dictionary) = Inputs.dictionary
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var values = ByteBuffer(capacity: count * 8)
            try section.withUnsafeBytes { indices in
                try dictionary.withUnsafeBytes { dict in
                    try DictionaryDecoder.gatherFixedWidth(indices, count: count, dictionary: dict, width: 8, into: &values)
                }
            }
            blackHole(values)
        }
    }

    Benchmark("Snappy round trip, 1 MiB page") { benchmark in
        let page = Inputs.snappyPage
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let compressed = try page.withUnsafeBytes { try PageCompression.compress(.snappy, $0) }
            let restored = try compressed.withUnsafeBytes {
                try PageCompression.decompress(.snappy, $0, uncompressedSize: page.count)
            }
            blackHole(restored)
        }
    }

    Benchmark("Writer encode int64 + string, 256k rows, snappy") { benchmark in
        let batch = Inputs.writerBatch
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let writer = try ParquetWriter(sink: MemorySink(), schema: batch.schema)
            try writer.write(batch)
            blackHole(try writer.close())
        }
    }
}

/// Deterministic inputs (a fixed linear congruential sequence), built once, outside the measured region.
enum Inputs {
    static let count = 1 << 20
    static let rle = rleHybrid(count: count, bitWidth: 3)
    static let int64s = int64Page(count: count)
    static let byteArrays = byteArrayPage(count: count)
    static let dictionary = dictionaryPage(count: count, entries: 1000)
    static let snappyPage = int64Page(count: 1 << 17)
    static let writerBatch = batch(rows: 1 << 18)

    static func sequence(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
    }

    /// Runs and literals mixed, as definition levels and dictionary indices look.
    static func rleHybrid(count: Int, bitWidth: Int) -> [UInt8] {
        var encoder = RLEHybridEncoder(bitWidth: bitWidth)
        let random = sequence(count)
        var i = 0
        while i < count {
            let run = Int(random[i] % 64) + 1
            let repeated = random[i] % 3 == 0
            for j in i..<min(count, i + run) {
                encoder.append(UInt32((repeated ? random[i] : random[j]) % (1 << UInt64(bitWidth))))
            }
            i += run
        }
        return encoder.finish()
    }

    static func int64Page(count: Int) -> [UInt8] {
        var page = ByteBuffer(capacity: count * 8)
        for value in sequence(count) { page.append(Int64(bitPattern: value % 1_000_000).littleEndian) }
        return page.bytes(0..<page.count)
    }

    static func byteArrayPage(count: Int) -> [UInt8] {
        var page: [UInt8] = []
        page.reserveCapacity(count * 14)
        for value in sequence(count) {
            let text = Array("value-\(value % 100_000)".utf8)
            withUnsafeBytes(of: UInt32(text.count).littleEndian) { page.append(contentsOf: $0) }
            page.append(contentsOf: text)
        }
        return page
    }

    static func dictionaryPage(count: Int, entries: Int) -> (section: [UInt8], dictionary: [UInt8]) {
        let width = RLEHybridEncoder.bitWidth(forMaxValue: UInt64(entries - 1))
        var encoder = RLEHybridEncoder(bitWidth: width)
        for value in sequence(count) { encoder.append(UInt32(value % UInt64(entries))) }
        return ([UInt8(width)] + encoder.finish(), int64Page(count: entries))
    }

    static func batch(rows: Int) -> Batch {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        var ids = ByteBuffer(capacity: rows * 8)
        var bytes = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
        for (i, value) in sequence(rows).enumerated() {
            ids.append(Int64(i))
            bytes.append(contentsOf: "customer-\(value % 50_000)".utf8)
            offsets.append(Int32(bytes.count))
        }
        return Batch(schema: schema, columns: [
            Vector(type: .int64, count: rows, buffer: ids),
            Vector(type: .string, count: rows, buffer: bytes, offsets: offsets),
        ])
    }
}
