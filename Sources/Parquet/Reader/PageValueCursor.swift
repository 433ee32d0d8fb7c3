import Columnar

/// The values section of a chunk's latest data page, decoded a batch at a time for fixed-width leaves:
/// `takeRecords` decodes a batch's values straight into the vector it returns, instead of the whole page
/// into `ColumnChunkReader.values` and then copying each batch out of it. PLAIN values are copied once;
/// dictionary indices are unpacked and gathered per batch.
///
/// The cursor borrows the decompressed page in the chunk's `PageBuffer`: the chunk reader drains it into
/// `values` before it reads the next page, and only creates one over a page the buffer keeps.
struct PageValueCursor {
    private enum Source {
        /// PLAIN: the next value's byte offset in `section` (the page was checked to hold them all).
        case plain(Int)
        case dictionary(RLEHybridDecoder)
    }

    private let section: UnsafeRawBufferPointer
    private var source: Source
    private let width: Int
    /// Values in the page, and those not yet decoded.
    private let total: Int
    private(set) var remaining: Int
    /// The page's file offset, for errors found while decoding.
    private let pageOffset: Int

    /// A cursor over `count` values of `encoding`, or nil when the leaf or encoding is decoded whole
    /// (byte arrays, booleans, INT96 timestamps, the delta and split encodings).
    init?(_ section: UnsafeRawBufferPointer, encoding: Encoding, count: Int, values: PhysicalValues,
          hasDictionary: Bool, pageOffset: Int) throws {
        switch values.physicalType {
        case .int32, .int64, .float, .double, .fixedLenByteArray: break
        default: return nil
        }
        guard values.width > 0 else { return nil }
        switch encoding {
        case .plain:
            let (bytes, overflow) = count.multipliedReportingOverflow(by: values.width)
            guard !overflow, count >= 0, bytes <= section.count else {
                throw ParquetError(.corrupt, "PLAIN: \(count) values of \(values.width) bytes need more than the \(section.count)-byte section")
            }
            source = .plain(0)
        case .plainDictionary, .rleDictionary:
            guard hasDictionary else { return nil }  // decoded whole, which reports the missing dictionary
            source = .dictionary(try DictionaryDecoder.indexDecoder(section))
        default:
            return nil
        }
        self.section = section
        width = values.width
        total = count
        remaining = count
        self.pageOffset = pageOffset
    }

    /// Appends the next `count` values (at most `remaining`) to `values`.
    mutating func decode(_ count: Int, into values: inout PhysicalValues, dictionary: PhysicalValues?) throws {
        guard count > 0 else { return }
        guard count <= remaining else {
            throw ParquetError(.corrupt, "page at offset \(pageOffset): \(count) values asked, \(remaining) left")
        }
        switch source {
        case .plain(let offset):
            values.buffer.append(raw: UnsafeRawBufferPointer(rebasing: section[offset..<offset + count * width]))
            source = .plain(offset + count * width)
        case .dictionary(var decoder):
            guard let dictionary else { throw ParquetError(.corrupt, "page at offset \(pageOffset): no dictionary") }
            do {
                try dictionary.buffer.withUnsafeBytes { entries in
                    try DictionaryDecoder.gatherFixedWidth(&decoder, count: count, dictionary: entries, width: width,
                                                           into: &values.buffer, already: total - remaining, total: total)
                }
            } catch let error as ParquetError {
                throw error.prefixed("page at offset \(pageOffset)")
            }
            source = .dictionary(decoder)
        }
        values.count &+= count
        remaining -= count
    }
}
