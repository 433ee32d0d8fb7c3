/// Compact-protocol codec for the page index (`ColumnIndex`, `OffsetIndex`, `PageLocation`) and the
/// bloom filter header.
extension ColumnIndex: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> ColumnIndex {
        var c = ColumnIndex()
        let seen = try reader.readStruct("ColumnIndex") { r, field in
            switch field.id {
            case 1: c.nullPages = try r.readBoolList(field)
            case 2: c.minValues = try r.readBinaryList(field)
            case 3: c.maxValues = try r.readBinaryList(field)
            case 4: c.boundaryOrder = BoundaryOrder(rawValue: try r.readI32(field))
            case 5: c.nullCounts = try r.readI64List(field)
            case 6: c.repetitionLevelHistograms = try r.readI64List(field)
            case 7: c.definitionLevelHistograms = try r.readI64List(field)
            case 8: c.nanCounts = try r.readI64List(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3, 4], in: "ColumnIndex", reader)
        let pages = c.nullPages.count
        guard c.minValues.count == pages, c.maxValues.count == pages, c.nullCounts.map({ $0.count == pages }) ?? true
        else {
            throw reader.corrupt("ColumnIndex lists disagree: \(pages) null_pages, \(c.minValues.count) min_values, "
                + "\(c.maxValues.count) max_values, \(c.nullCounts?.count ?? pages) null_counts")
        }
        return c
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, bools: nullPages)
            w.write(2, binaries: minValues)
            w.write(3, binaries: maxValues)
            w.write(4, i32: boundaryOrder.rawValue)
            if let nullCounts { w.write(5, i64s: nullCounts) }
            if let repetitionLevelHistograms { w.write(6, i64s: repetitionLevelHistograms) }
            if let definitionLevelHistograms { w.write(7, i64s: definitionLevelHistograms) }
            if let nanCounts { w.write(8, i64s: nanCounts) }
        }
    }
}

extension OffsetIndex: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> OffsetIndex {
        var o = OffsetIndex()
        let seen = try reader.readStruct("OffsetIndex") { r, field in
            switch field.id {
            case 1: o.pageLocations = try r.readStructList(field)
            case 2: o.unencodedByteArrayDataBytes = try r.readI64List(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1], in: "OffsetIndex", reader)
        return o
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, structs: pageLocations)
            if let unencodedByteArrayDataBytes { w.write(2, i64s: unencodedByteArrayDataBytes) }
        }
    }
}

extension PageLocation: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> PageLocation {
        var p = PageLocation(offset: 0, compressedPageSize: 0, firstRowIndex: 0)
        let seen = try reader.readStruct("PageLocation") { r, field in
            switch field.id {
            case 1: p.offset = try r.readCount64(field, "offset")
            case 2: p.compressedPageSize = try r.readCount(field, "compressed_page_size")
            case 3: p.firstRowIndex = try r.readCount64(field, "first_row_index")
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3], in: "PageLocation", reader)
        return p
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i64: offset)
            w.write(2, i32: compressedPageSize)
            w.write(3, i64: firstRowIndex)
        }
    }
}

extension BloomFilterHeader: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> BloomFilterHeader {
        var h = BloomFilterHeader(numBytes: 0)
        let seen = try reader.readStruct("BloomFilterHeader") { r, field in
            switch field.id {
            case 1: h.numBytes = try r.readCount(field, "numBytes")
            case 2:
                let id = try r.readUnionOfEmptyStructs(field, "BloomFilterAlgorithm")
                h.algorithm = id == 1 ? .block : .other(fieldID: id)
            case 3:
                let id = try r.readUnionOfEmptyStructs(field, "BloomFilterHash")
                h.hash = id == 1 ? .xxHash : .other(fieldID: id)
            case 4:
                let id = try r.readUnionOfEmptyStructs(field, "BloomFilterCompression")
                h.compression = id == 1 ? .uncompressed : .other(fieldID: id)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3, 4], in: "BloomFilterHeader", reader)
        return h
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: numBytes)
            w.writeStructField(2) { w in
                if case .other(let id) = algorithm { w.writeEmptyStruct(id) } else { w.writeEmptyStruct(1) }
            }
            w.writeStructField(3) { w in
                if case .other(let id) = hash { w.writeEmptyStruct(id) } else { w.writeEmptyStruct(1) }
            }
            w.writeStructField(4) { w in
                if case .other(let id) = compression { w.writeEmptyStruct(id) } else { w.writeEmptyStruct(1) }
            }
        }
    }
}
