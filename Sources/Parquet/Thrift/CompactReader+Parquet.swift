/// Reading helpers shared by the parquet.thrift decoders: enums that must be valid, and required fields.
extension CompactReader {
    /// parquet.thrift `Type`; a value outside the enum is corrupt (PARQUET-1481).
    public mutating func readPhysicalType(_ field: FieldHeader) throws -> PhysicalType {
        let raw = try readI32(field)
        guard let type = PhysicalType(rawValue: raw) else { throw corrupt("invalid physical type \(raw)") }
        return type
    }

    public mutating func readRepetitionType(_ field: FieldHeader) throws -> FieldRepetitionType {
        let raw = try readI32(field)
        guard let type = FieldRepetitionType(rawValue: raw) else {
            throw corrupt("invalid repetition type \(raw)")
        }
        return type
    }

    public mutating func readEncoding(_ field: FieldHeader) throws -> Encoding {
        Encoding(rawValue: try readI32(field))
    }

    /// Reads an empty-struct union member (`StringType`, `TypeDefinedOrder`, ...), skipping any fields a
    /// newer writer may have added to it.
    public mutating func readEmptyStruct(_ field: FieldHeader) throws {
        try expect(field, .struct)
        try skip(.struct)
    }

    /// A union field whose members carry no data (`BloomFilterHash`, ...): returns the member's field id.
    public mutating func readUnionOfEmptyStructs(_ field: FieldHeader, _ name: StaticString) throws -> Int16 {
        try expect(field, .struct)
        var member: Int16?
        try readStruct(name) { r, f in
            try r.skip(f.type)
            member = f.id
        }
        guard let member else { throw corrupt("\(name) union has no member") }
        return member
    }
}

extension CompactWriter {
    /// A struct-typed field whose body `body` writes.
    public mutating func writeStructField(_ id: Int16, _ body: (inout CompactWriter) -> Void) {
        writeFieldHeader(id, .struct)
        writeStruct(body)
    }
}
