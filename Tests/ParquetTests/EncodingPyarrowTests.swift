import Columnar
import Testing
@testable import Parquet

/// Our decoders on values sections that pyarrow encoded (see EncodingPyarrowFixtures.swift), checked against
/// pyarrow's PLAIN encoding of the same column, decoded with `PlainDecoder`.
@Suite struct EncodingPyarrowTests {
    enum Physical { case boolean, int32, int64, byteArray, fixed }

    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String, physical: Physical, width: Int, count: Int, encoding: Int32, dictionaryCount: Int
        let dictionary: [UInt8], values: [UInt8], plain: [UInt8]

        init(name: String, physical: Physical, width: Int, count: Int, encoding: Int32, dictionaryCount: Int,
             dictionary: String, values: String, plain: String) {
            (self.name, self.physical, self.width, self.count, self.encoding) = (name, physical, width, count, encoding)
            self.dictionaryCount = dictionaryCount
            (self.dictionary, self.values, self.plain) = (Self.bytes(dictionary), Self.bytes(values), Self.bytes(plain))
        }

        static func bytes(_ hex: String) -> [UInt8] {
            let digits = hex.utf8.filter { $0 > 32 }.map { $0 <= 57 ? $0 - 48 : $0 - 87 }
            return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        }

        var testDescription: String { name }
    }

    /// What a reader makes of a section: fixed-width values, or bytes + offsets.
    struct Decoded: Equatable {
        var values = ByteBuffer()
        var offsets: ContiguousArray<Int32> = [0]
    }

    @Test(arguments: fixtures)
    func matchesPlain(_ fixture: Fixture) throws {
        let expected = try plain(fixture)
        var got = Decoded()
        let end = try fixture.values.withUnsafeBytes { try decode(fixture, $0, into: &got) }
        #expect(got == expected)
        if let end { #expect(end == fixture.values.count) }
    }

    func plain(_ f: Fixture) throws -> Decoded {
        var d = Decoded()
        try f.plain.withUnsafeBytes { raw in
            switch f.physical {
            case .boolean: _ = try PlainDecoder.decodeBoolean(raw, count: f.count, into: &d.values)
            case .byteArray: _ = try PlainDecoder.decodeByteArray(raw, count: f.count, bytes: &d.values, offsets: &d.offsets)
            default: _ = try PlainDecoder.decodeFixedWidth(raw, count: f.count, width: f.width, into: &d.values)
            }
        }
        return d
    }

    /// Decodes the fixture's section; returns the end offset where the encoding reports one.
    func decode(_ f: Fixture, _ raw: UnsafeRawBufferPointer, into d: inout Decoded) throws -> Int? {
        switch (Encoding(rawValue: f.encoding), f.physical) {
        case (.deltaBinaryPacked, .int32): return try DeltaBinaryPacked.decodeInt32(raw, maxCount: f.count, into: &d.values).end
        case (.deltaBinaryPacked, _): return try DeltaBinaryPacked.decodeInt64(raw, maxCount: f.count, into: &d.values).end
        case (.deltaLengthByteArray, _):
            return try DeltaLengthByteArray.decode(raw, maxCount: f.count, bytes: &d.values, offsets: &d.offsets).end
        case (.deltaByteArray, .byteArray):
            return try DeltaByteArray.decode(raw, maxCount: f.count, bytes: &d.values, offsets: &d.offsets).end
        case (.deltaByteArray, _):
            return try DeltaByteArray.decodeFixedLength(raw, maxCount: f.count, typeLength: f.width, into: &d.values).end
        case (.byteStreamSplit, _): try ByteStreamSplit.decode(raw, count: f.count, width: f.width, into: &d.values)
        case (.rle, _):
            var (decoder, consumed) = try RLEHybridDecoder.lengthPrefixed(raw, bitWidth: 1)
            var bits = [UInt32](repeating: 0, count: f.count)
            #expect(try bits.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } == f.count)
            d.values.append(contentsOf: bits.map { UInt8($0) })
            return consumed
        case (.rleDictionary, _): try gatherDictionary(f, raw, into: &d)
        default: Issue.record("no decoder for encoding \(f.encoding)")
        }
        return nil
    }

    func gatherDictionary(_ f: Fixture, _ raw: UnsafeRawBufferPointer, into d: inout Decoded) throws {
        var dictionary = Decoded()
        try f.dictionary.withUnsafeBytes { page in
            if f.physical == .byteArray {
                _ = try PlainDecoder.decodeByteArray(page, count: f.dictionaryCount, bytes: &dictionary.values, offsets: &dictionary.offsets)
            } else {
                _ = try PlainDecoder.decodeFixedWidth(page, count: f.dictionaryCount, width: f.width, into: &dictionary.values)
            }
        }
        try dictionary.values.withUnsafeBytes { entries in
            if f.physical == .byteArray {
                try dictionary.offsets.withUnsafeBufferPointer {
                    try DictionaryDecoder.gatherByteArray(raw, count: f.count, dictionaryBytes: entries, dictionaryOffsets: $0,
                                                          bytes: &d.values, offsets: &d.offsets)
                }
            } else {
                try DictionaryDecoder.gatherFixedWidth(raw, count: f.count, dictionary: entries, width: f.width, into: &d.values)
            }
        }
    }
}
