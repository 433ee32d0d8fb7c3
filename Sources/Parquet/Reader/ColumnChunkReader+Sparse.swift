import Columnar

/// Sparse reads: the values of a few rows of a flat column chunk, picked out page by page without
/// materializing the rest. A page holding none of the rows is skipped by its header (never decompressed);
/// in a page holding some, the definition levels place each row among the page's values, and only those
/// values are taken: dictionary indices are skipped to, PLAIN fixed-width values addressed, PLAIN byte
/// arrays found by walking their lengths. Other encodings decode the page whole and pick from it.
extension ColumnChunkReader {
    /// The values at `rows` (ascending, distinct) in their physical form, and their
    /// validity in `rows` order.
    mutating func sparseValues(at rows: [Int]) throws -> (values: PhysicalValues, validity: ValidityBuilder) {
        guard column.maxRepetitionLevel == 0 else {
            throw ParquetError(.unsupported, "sparse reads need a flat column, '\(column.dottedPath)' is repeated")
        }
        var picked = SparsePick(rows: rows, values: PhysicalValues(column))
        picked.validity.reserve(rows.count)
        var firstRow = 0
        while picked.next < rows.count {
            guard position < chunk.bytes.count, levelCount < expectedLevels else {
                throw ParquetError(.corrupt, "the chunk ends after \(levelCount) rows, row \(rows[picked.next]) was asked")
            }
            let start = position
            do {
                position = try readSparsePage(at: position, firstRow: &firstRow, picked: &picked)
            } catch let error as ParquetError {
                throw error.prefixed("page at offset \(chunk.start + start)")
            }
        }
        return (picked.values, picked.validity)
    }

    /// Reads or skips the page at chunk position `position`; returns the position after it.
    private mutating func readSparsePage(at position: Int, firstRow: inout Int, picked: inout SparsePick) throws -> Int {
        let (header, bodyStart, bodyLength) = try pageHeader(at: position)
        let count: Int
        switch header.type {
        case .dataPage: count = Int(header.dataPageHeader?.numValues ?? -1)
        case .dataPageV2: count = Int(header.dataPageHeaderV2?.numValues ?? -1)
        default: count = 0
        }
        guard count >= 0, count <= expectedLevels - levelCount else {
            throw ParquetError(.corrupt, "data page has num_values \(count), the chunk expects \(expectedLevels - levelCount) more")
        }
        let wanted = picked.rows[picked.next] < firstRow + count
        if header.type == .dictionaryPage || wanted {
            try chunk.bytes.withUnsafeBytes { all in
                let body = UnsafeRawBufferPointer(rebasing: all[bodyStart..<bodyStart + bodyLength])
                switch header.type {
                case .dictionaryPage: try readDictionaryPage(header, body: body)
                case .dataPage: try pickDataPageV1(header, body: body, firstRow: firstRow, count: count, picked: &picked)
                default: try pickDataPageV2(header, body: body, firstRow: firstRow, count: count, picked: &picked)
                }
            }
        }
        if count > 0 { dataPages += 1 }
        levelCount += count
        firstRow += count
        return bodyStart + bodyLength
    }

    private mutating func pickDataPageV1(_ header: PageHeader, body: UnsafeRawBufferPointer, firstRow: Int, count: Int,
                                         picked: inout SparsePick) throws {
        guard let page = header.dataPageHeader else { throw ParquetError(.corrupt, "DATA_PAGE without a data_page_header") }
        try withDecompressed(body, uncompressedSize: Int(header.uncompressedPageSize)) { data in
            var offset = 0
            definitionLevels.removeAll(keepingCapacity: true)
            if column.maxDefinitionLevel > 0 {
                offset = try LevelDecoding.decodeV1(data, encoding: page.definitionLevelEncoding, maxLevel: column.maxDefinitionLevel,
                                                    count: count, into: &definitionLevels)
            }
            try pick(UnsafeRawBufferPointer(rebasing: data[offset...]), encoding: page.encoding, firstRow: firstRow,
                     count: count, picked: &picked)
        }
    }

    private mutating func pickDataPageV2(_ header: PageHeader, body: UnsafeRawBufferPointer, firstRow: Int, count: Int,
                                         picked: inout SparsePick) throws {
        guard let page = header.dataPageHeaderV2 else { throw ParquetError(.corrupt, "DATA_PAGE_V2 without a data_page_header_v2") }
        let repLength = Int(page.repetitionLevelsByteLength), defLength = Int(page.definitionLevelsByteLength)
        guard repLength == 0, defLength >= 0, defLength <= body.count, defLength <= Int(header.uncompressedPageSize) else {
            throw ParquetError(.corrupt, "DATA_PAGE_V2 level lengths \(repLength)+\(defLength) do not fit the \(body.count)-byte page of a flat column")
        }
        definitionLevels.removeAll(keepingCapacity: true)
        if column.maxDefinitionLevel > 0 {
            try LevelDecoding.decodeV2(UnsafeRawBufferPointer(rebasing: body[0..<defLength]), maxLevel: column.maxDefinitionLevel,
                                       count: count, into: &definitionLevels)
        }
        let values = UnsafeRawBufferPointer(rebasing: body[defLength...])
        let size = Int(header.uncompressedPageSize) - defLength
        if page.isCompressed && size > 0 {
            try withDecompressed(values, uncompressedSize: size) {
                try pick($0, encoding: page.encoding, firstRow: firstRow, count: count, picked: &picked)
            }
        } else {
            try pick(size == 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : values, encoding: page.encoding,
                     firstRow: firstRow, count: count, picked: &picked)
        }
    }

    /// Takes the page's wanted rows: each row's index among the page's non-null values (from the definition
    /// levels in `definitionLevels`), then those values from the values section.
    private mutating func pick(_ section: UnsafeRawBufferPointer, encoding: Encoding, firstRow: Int, count: Int,
                               picked: inout SparsePick) throws {
        let maxLevel = UInt32(column.maxDefinitionLevel)
        var slots: [Int] = []
        var present = count
        definitionLevels.withUnsafeBufferPointer { levels in
            var row = 0, value = 0
            while picked.next < picked.rows.count, picked.rows[picked.next] < firstRow + count {
                let target = picked.rows[picked.next] - firstRow
                if maxLevel > 0 {
                    while row < target { value &+= levels[row] == maxLevel ? 1 : 0; row &+= 1 }
                }
                let valid = maxLevel == 0 || levels[target] == maxLevel
                picked.validity.append(valid)
                if valid { slots.append(maxLevel == 0 ? target : value) }
                picked.next += 1
            }
            if maxLevel > 0 {
                while row < count { value &+= levels[row] == maxLevel ? 1 : 0; row &+= 1 }
                present = value
            }
        }
        guard !definitionLevels.contains(where: { $0 > maxLevel }) else {
            throw ParquetError(.corrupt, "a definition level exceeds the max \(maxLevel)")
        }
        try pickValues(section, encoding: encoding, present: present, slots: slots, into: &picked.values)
    }

    /// Appends the values at `slots` (ascending indices among the page's `present` values).
    private func pickValues(_ section: UnsafeRawBufferPointer, encoding: Encoding, present: Int, slots: [Int],
                            into out: inout PhysicalValues) throws {
        guard !slots.isEmpty else { return }
        switch encoding {
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetError(.corrupt, "\(encoding.name) data page without a dictionary page") }
            var decoder = try DictionaryDecoder.indexDecoder(section)
            var at = 0
            for slot in slots {
                var index: UInt32 = 0
                let got = try decoder.skip(slot - at) + withUnsafeMutablePointer(to: &index) {
                    try decoder.decode(into: UnsafeMutableBufferPointer(start: $0, count: 1))
                }
                guard got == slot - at + 1, Int(index) < dictionary.count else {
                    throw ParquetError(.corrupt, "\(encoding.name): value \(slot) of \(present) is missing or indexes past the \(dictionary.count)-entry dictionary")
                }
                out.append(dictionary, at: Int(index))
                at = slot + 1
            }
        case .plain where !column.physicalType.isSparsePlainPicked:
            try pickDecoded(section, encoding: encoding, present: present, slots: slots, into: &out)
        case .plain where out.isByteArray:
            try PlainByteArrays.pick(section, slots: slots, into: &out)
        case .plain:
            for slot in slots {
                let (end, overflow) = (slot + 1).multipliedReportingOverflow(by: out.width)
                guard !overflow, end <= section.count else {
                    throw ParquetError(.corrupt, "PLAIN: value \(slot) of \(out.width) bytes lies past the \(section.count)-byte section")
                }
                out.buffer.append(raw: UnsafeRawBufferPointer(rebasing: section[end - out.width..<end]))
                out.count &+= 1
            }
        default:
            try pickDecoded(section, encoding: encoding, present: present, slots: slots, into: &out)
        }
    }

    /// The general case: the page's values decoded whole, then picked.
    private func pickDecoded(_ section: UnsafeRawBufferPointer, encoding: Encoding, present: Int, slots: [Int],
                             into out: inout PhysicalValues) throws {
        var page = PhysicalValues(column)
        try page.decode(section, encoding: encoding, count: present, dictionary: dictionary)
        guard page.count == present else {
            throw ParquetError(.corrupt, "the page decoded \(page.count) of its \(present) values")
        }
        for slot in slots { out.append(page, at: slot) }
    }
}

/// The rows a sparse read wants, the next one not yet reached, and what it took so far.
struct SparsePick {
    let rows: [Int]
    var values: PhysicalValues
    var next = 0
    var validity = ValidityBuilder()

    init(rows: [Int], values: PhysicalValues) {
        self.rows = rows
        self.values = values
    }
}

extension PhysicalType {
    /// Types whose PLAIN values a sparse read addresses directly (booleans are bit-packed, INT96 converted).
    var isSparsePlainPicked: Bool {
        switch self {
        case .int32, .int64, .float, .double, .fixedLenByteArray, .byteArray: true
        case .boolean, .int96: false
        }
    }
}

extension PhysicalValues {
    /// Appends entry `index` of `source` (same physical type; `index < source.count`, checked by the caller).
    mutating func append(_ source: PhysicalValues, at index: Int) {
        if isByteArray {
            let (start, end) = (Int(source.offsets[index]), Int(source.offsets[index + 1]))
            source.buffer.withUnsafeBytes { buffer.append(raw: UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            offsets.append(Int32(truncatingIfNeeded: buffer.count))
        } else {
            source.buffer.withUnsafeBytes { buffer.append(raw: UnsafeRawBufferPointer(rebasing: $0[index * width..<(index + 1) * width])) }
        }
        count &+= 1
    }
}

/// PLAIN byte arrays: `u32 LE length | bytes`, back to back.
enum PlainByteArrays {
    /// Appends the values at `slots` (ascending), walking the lengths before them.
    static func pick(_ section: UnsafeRawBufferPointer, slots: [Int], into out: inout PhysicalValues) throws {
        var offset = 0, value = 0
        for slot in slots {
            while true {
                guard section.count - offset >= 4 else {
                    throw ParquetError(.corrupt, "PLAIN BYTE_ARRAY: value \(value) starts past the \(section.count)-byte section")
                }
                let length = Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard length <= section.count - offset - 4 else {
                    throw ParquetError(.corrupt, "PLAIN BYTE_ARRAY: value \(value) of \(length) bytes runs past the \(section.count)-byte section")
                }
                offset += 4 + length
                value += 1
                guard value - 1 == slot else { continue }
                out.buffer.append(raw: UnsafeRawBufferPointer(rebasing: section[offset - length..<offset]))
                guard out.buffer.count <= Int(Int32.max) else {
                    throw ParquetError(.corrupt, "PLAIN BYTE_ARRAY: picked values exceed \(Int32.max) bytes")
                }
                out.offsets.append(Int32(out.buffer.count))
                out.count &+= 1
                break
            }
        }
    }
}
