import Columnar

/// Reads a string vector's live rows straight from its buffers (no per-row byte array): what key scans use.
enum StringColumn {
    /// Calls `body` with the physical row and value of each live, non-null row of `vector` (of a batch with
    /// `rowCount` live rows mapped by `physicalRow`). Offsets from a file are checked against the buffer.
    static func forEach(_ vector: Vector, rowCount: Int, physicalRow: (Int) -> Int, file: String,
                        _ body: (Int, String) throws -> Void) throws {
        try forEachBytes(vector, rowCount: rowCount, physicalRow: physicalRow, file: file) {
            try body($0, String(decoding: $1, as: UTF8.self))
        }
    }

    /// `forEach` with each value as its UTF-8 bytes in the vector's buffer, valid during the call only.
    static func forEachBytes(_ vector: Vector, rowCount: Int, physicalRow: (Int) -> Int, file: String,
                             _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try checkString(vector, file: file)
        try vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for i in 0..<rowCount {
                let row = physicalRow(i)
                if vector.isNull(row) { continue }
                try body(row, try value(vector, row: row, in: bytes, file: file))
            }
        }
    }

    /// The UTF-8 bytes of every live, non-null row, in order, valid during `body` only.
    static func withValueBytes<R>(_ vector: Vector, rowCount: Int, physicalRow: (Int) -> Int, file: String,
                                  _ body: (UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws -> R) throws -> R {
        try checkString(vector, file: file)
        return try vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            var values = ContiguousArray<UnsafeBufferPointer<UInt8>>()
            values.reserveCapacity(rowCount)
            for i in 0..<rowCount {
                let row = physicalRow(i)
                if !vector.isNull(row) { values.append(try value(vector, row: row, in: bytes, file: file)) }
            }
            return try values.withUnsafeBufferPointer(body)
        }
    }

    private static func checkString(_ vector: Vector, file: String) throws {
        guard case .string = vector.type else {
            throw TableFormatError(.schemaMismatch, "base file '\(file)': the record key column is \(vector.type), not string")
        }
    }

    @inline(__always)
    private static func value(_ vector: Vector, row: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> UnsafeBufferPointer<UInt8> {
        let start = Int(vector.offsets[row])
        let end = Int(vector.offsets[row + 1])
        guard start >= 0, start <= end, end <= bytes.count else {
            throw TableFormatError(.io, "base file '\(file)': record key offsets \(start)..<\(end) outside \(bytes.count) bytes")
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
