/// Compact-protocol codec for `FileMetaData`, `SchemaElement`, `KeyValue` and `SortingColumn`.
/// Unknown fields are skipped; encryption fields are only noted (their contents are not kept).
extension FileMetaData: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> FileMetaData {
        var m = FileMetaData()
        let seen = try reader.readStruct("FileMetaData") { r, field in
            switch field.id {
            case 1: m.version = try r.readI32(field)
            case 2: m.schema = try r.readStructList(field)
            case 3: m.numRows = try r.readI64(field)
            case 4: m.rowGroups = try r.readStructList(field)
            case 5: m.keyValueMetadata = try r.readStructList(field)
            case 6: m.createdBy = try r.readString(field)
            case 7: m.columnOrders = try r.readStructList(field)
            case 8:
                try r.expect(field, .struct)
                try r.skip(field.type)
                m.hasEncryptionAlgorithm = true
            default: try r.skip(field.type)
            }
        }
        try seen.require([2, 3, 4], in: "FileMetaData", reader)
        return m
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: version)
            w.write(2, structs: schema)
            w.write(3, i64: numRows)
            w.write(4, structs: rowGroups)
            if let keyValueMetadata { w.write(5, structs: keyValueMetadata) }
            if let createdBy { w.write(6, string: createdBy) }
            if let columnOrders { w.write(7, structs: columnOrders) }
        }
    }
}

extension SchemaElement: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> SchemaElement {
        var e = SchemaElement()
        let seen = try reader.readStruct("SchemaElement") { r, field in
            switch field.id {
            case 1: e.type = try r.readPhysicalType(field)
            case 2: e.typeLength = try r.readI32(field)
            case 3: e.repetitionType = try r.readRepetitionType(field)
            case 4: e.name = try r.readString(field)
            case 5: e.numChildren = try r.readCount(field, "num_children")
            case 6: e.convertedType = ConvertedType(rawValue: try r.readI32(field))
            case 7: e.scale = try r.readI32(field)
            case 8: e.precision = try r.readI32(field)
            case 9: e.fieldID = try r.readI32(field)
            case 10: e.logicalType = try r.readStruct(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([4], in: "SchemaElement", reader)
        return e
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            if let type { w.write(1, i32: type.rawValue) }
            if let typeLength { w.write(2, i32: typeLength) }
            if let repetitionType { w.write(3, i32: repetitionType.rawValue) }
            w.write(4, string: name)
            if let numChildren { w.write(5, i32: numChildren) }
            if let convertedType { w.write(6, i32: convertedType.rawValue) }
            if let scale { w.write(7, i32: scale) }
            if let precision { w.write(8, i32: precision) }
            if let fieldID { w.write(9, i32: fieldID) }
            if let logicalType { w.write(10, struct: logicalType) }
        }
    }
}

extension KeyValue: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> KeyValue {
        var key: String?
        var value: String?
        try reader.readStruct("KeyValue") { r, field in
            switch field.id {
            case 1: key = try r.readString(field)
            case 2: value = try r.readString(field)
            default: try r.skip(field.type)
            }
        }
        guard let key else { throw reader.corrupt("KeyValue is missing required field 1") }
        return KeyValue(key: key, value: value)
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, string: key)
            if let value { w.write(2, string: value) }
        }
    }
}

extension SortingColumn: ThriftStruct {
    public static func decode(from reader: inout CompactReader) throws -> SortingColumn {
        var c = SortingColumn(columnIdx: 0, descending: false, nullsFirst: false)
        let seen = try reader.readStruct("SortingColumn") { r, field in
            switch field.id {
            case 1: c.columnIdx = try r.readCount(field, "column_idx")
            case 2: c.descending = try r.readBool(field)
            case 3: c.nullsFirst = try r.readBool(field)
            default: try r.skip(field.type)
            }
        }
        try seen.require([1, 2, 3], in: "SortingColumn", reader)
        return c
    }

    public func encode(to writer: inout CompactWriter) {
        writer.writeStruct { w in
            w.write(1, i32: columnIdx)
            w.write(2, bool: descending)
            w.write(3, bool: nullsFirst)
        }
    }
}
