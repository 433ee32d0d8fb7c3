/// Compact-protocol codec for `PageHeader` and the per-type page headers. Sizes and counts are checked to be
/// non-negative here, so the page reader can use them as lengths.
extension PageHeader: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> PageHeader {
        var h = PageHeader()
        let seen = try reader.readStruct("PageHeader") { r, field in
            switch field.id {
            case 1: h.type = PageType(rawValue: try r.readI32(field))
            case 2: h.uncompressedPageSize = try r.readCount(field, "uncompressed_page_size")
            case 3: h.compressedPageSize = try r.readCount(field, "compressed_page_size")
            case 4: h.crc = try r.readI32(field)
            case 5: h.dataPageHeader = try r.readStruct(field)
            case 7: h.dictionaryPageHeader = try r.readStruct(field)
            case 8: h.dataPageHeaderV2 = try r.readStruct(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3], in: "PageHeader", reader)
        return h
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: type.rawValue)
            w.write(2, i32: uncompressedPageSize)
            w.write(3, i32: compressedPageSize)
            if let crc { w.write(4, i32: crc) }
            if let dataPageHeader { w.write(5, struct: dataPageHeader) }
            if let dictionaryPageHeader { w.write(7, struct: dictionaryPageHeader) }
            if let dataPageHeaderV2 { w.write(8, struct: dataPageHeaderV2) }
        }
    }
}

extension DataPageHeader: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> DataPageHeader {
        var h = DataPageHeader()
        let seen = try reader.readStruct("DataPageHeader") { r, field in
            switch field.id {
            case 1: h.numValues = try r.readCount(field, "num_values")
            case 2: h.encoding = try r.readEncoding(field)
            case 3: h.definitionLevelEncoding = try r.readEncoding(field)
            case 4: h.repetitionLevelEncoding = try r.readEncoding(field)
            case 5: h.statistics = try r.readStruct(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3, 4], in: "DataPageHeader", reader)
        return h
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: numValues)
            w.write(2, i32: encoding.rawValue)
            w.write(3, i32: definitionLevelEncoding.rawValue)
            w.write(4, i32: repetitionLevelEncoding.rawValue)
            if let statistics { w.write(5, struct: statistics) }
        }
    }
}

extension DataPageHeaderV2: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> DataPageHeaderV2 {
        var h = DataPageHeaderV2()
        let seen = try reader.readStruct("DataPageHeaderV2") { r, field in
            switch field.id {
            case 1: h.numValues = try r.readCount(field, "num_values")
            case 2: h.numNulls = try r.readCount(field, "num_nulls")
            case 3: h.numRows = try r.readCount(field, "num_rows")
            case 4: h.encoding = try r.readEncoding(field)
            case 5: h.definitionLevelsByteLength = try r.readCount(field, "definition_levels_byte_length")
            case 6: h.repetitionLevelsByteLength = try r.readCount(field, "repetition_levels_byte_length")
            case 7: h.isCompressed = try r.readBool(field)
            case 8: h.statistics = try r.readStruct(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3, 4, 5, 6], in: "DataPageHeaderV2", reader)
        return h
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: numValues)
            w.write(2, i32: numNulls)
            w.write(3, i32: numRows)
            w.write(4, i32: encoding.rawValue)
            w.write(5, i32: definitionLevelsByteLength)
            w.write(6, i32: repetitionLevelsByteLength)
            w.write(7, bool: isCompressed)
            if let statistics { w.write(8, struct: statistics) }
        }
    }
}

extension DictionaryPageHeader: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> DictionaryPageHeader {
        var h = DictionaryPageHeader()
        let seen = try reader.readStruct("DictionaryPageHeader") { r, field in
            switch field.id {
            case 1: h.numValues = try r.readCount(field, "num_values")
            case 2: h.encoding = try r.readEncoding(field)
            case 3: h.isSorted = try r.readBool(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2], in: "DictionaryPageHeader", reader)
        return h
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: numValues)
            w.write(2, i32: encoding.rawValue)
            if let isSorted { w.write(3, bool: isSorted) }
        }
    }
}
