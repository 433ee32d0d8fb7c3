/// Compact-protocol codec for `RowGroup`, `ColumnChunk`, `ColumnMetaData` and `PageEncodingStats`.
extension RowGroup: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> RowGroup {
        var g = RowGroup()
        let seen = try reader.readStruct("RowGroup") { r, field in
            switch field.id {
            case 1: g.columns = try r.readStructList(field)
            case 2: g.totalByteSize = try r.readI64(field)
            case 3: g.numRows = try r.readCount64(field, "num_rows")
            case 4: g.sortingColumns = try r.readStructList(field)
            case 5: g.fileOffset = try r.readI64(field)
            case 6: g.totalCompressedSize = try r.readI64(field)
            case 7: g.ordinal = try r.readI16(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 3], in: "RowGroup", reader)
        return g
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, structs: columns)
            w.write(2, i64: totalByteSize)
            w.write(3, i64: numRows)
            if let sortingColumns { w.write(4, structs: sortingColumns) }
            if let fileOffset { w.write(5, i64: fileOffset) }
            if let totalCompressedSize { w.write(6, i64: totalCompressedSize) }
            if let ordinal { w.write(7, i16: ordinal) }
        }
    }
}

extension ColumnChunk: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> ColumnChunk {
        var c = ColumnChunk()
        try reader.readStruct("ColumnChunk") { r, field in
            switch field.id {
            case 1: c.filePath = try r.readString(field)
            case 2: c.fileOffset = try r.readI64(field)
            case 3: c.metaData = try r.readStruct(field)
            case 4: c.offsetIndexOffset = try r.readI64(field)
            case 5: c.offsetIndexLength = try r.readCount(field, "offset_index_length")
            case 6: c.columnIndexOffset = try r.readI64(field)
            case 7: c.columnIndexLength = try r.readCount(field, "column_index_length")
            case 8, 9:
                try r.skip(field.type)
                c.isEncrypted = true
            default: try r.skip(field.type)
            }
        }
        return c
    }

    /// Encryption fields are not written (the writer never encrypts).
    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            if let filePath { w.write(1, string: filePath) }
            w.write(2, i64: fileOffset)
            if let metaData { w.write(3, struct: metaData) }
            if let offsetIndexOffset { w.write(4, i64: offsetIndexOffset) }
            if let offsetIndexLength { w.write(5, i32: offsetIndexLength) }
            if let columnIndexOffset { w.write(6, i64: columnIndexOffset) }
            if let columnIndexLength { w.write(7, i32: columnIndexLength) }
        }
    }
}

extension ColumnMetaData: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> ColumnMetaData {
        var m = ColumnMetaData()
        let seen = try reader.readStruct("ColumnMetaData") { r, field in
            switch field.id {
            case 1: m.type = try r.readPhysicalType(field)
            case 2: m.encodings = try r.readI32List(field).map(Encoding.init(rawValue:))
            case 3: m.pathInSchema = try r.readStringList(field)
            case 4: m.codec = CompressionCodec(rawValue: try r.readI32(field))
            case 5: m.numValues = try r.readCount64(field, "num_values")
            case 6: m.totalUncompressedSize = try r.readCount64(field, "total_uncompressed_size")
            case 7: m.totalCompressedSize = try r.readCount64(field, "total_compressed_size")
            case 8: m.keyValueMetadata = try r.readStructList(field)
            case 9: m.dataPageOffset = try r.readI64(field)
            case 10: m.indexPageOffset = try r.readI64(field)
            case 11: m.dictionaryPageOffset = try r.readI64(field)
            case 12: m.statistics = try r.readStruct(field)
            case 13: m.encodingStats = try r.readStructList(field)
            case 14: m.bloomFilterOffset = try r.readI64(field)
            case 15: m.bloomFilterLength = try r.readCount(field, "bloom_filter_length")
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3, 4, 5, 6, 7, 9], in: "ColumnMetaData", reader)
        return m
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: type.rawValue)
            w.write(2, i32s: encodings.map(\.rawValue))
            w.write(3, strings: pathInSchema)
            w.write(4, i32: codec.rawValue)
            w.write(5, i64: numValues)
            w.write(6, i64: totalUncompressedSize)
            w.write(7, i64: totalCompressedSize)
            if let keyValueMetadata { w.write(8, structs: keyValueMetadata) }
            w.write(9, i64: dataPageOffset)
            if let indexPageOffset { w.write(10, i64: indexPageOffset) }
            if let dictionaryPageOffset { w.write(11, i64: dictionaryPageOffset) }
            if let statistics { w.write(12, struct: statistics) }
            if let encodingStats { w.write(13, structs: encodingStats) }
            if let bloomFilterOffset { w.write(14, i64: bloomFilterOffset) }
            if let bloomFilterLength { w.write(15, i32: bloomFilterLength) }
        }
    }
}

extension PageEncodingStats: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> PageEncodingStats {
        var s = PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 0)
        let seen = try reader.readStruct("PageEncodingStats") { r, field in
            switch field.id {
            case 1: s.pageType = PageType(rawValue: try r.readI32(field))
            case 2: s.encoding = try r.readEncoding(field)
            case 3: s.count = try r.readCount(field, "count")
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3], in: "PageEncodingStats", reader)
        return s
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: pageType.rawValue)
            w.write(2, i32: encoding.rawValue)
            w.write(3, i32: count)
        }
    }
}
