import Columnar

/// Reads a string vector's live rows straight from its buffers (no per-row byte array): what key scans use.
enum StringColumn {
    /// Calls `body` with the physical row and value of each live, non-null row of `vector` (of a batch with
    /// `rowCount` live rows mapped by `physicalRow`). Offsets from a file are checked against the buffer.
    static func forEach(_ vector: Vector, rowCount: Int, physicalRow: (Int) -> Int, file: String,
                        _ body: (Int, String) throws -> Void) throws {
        guard case .string = vector.type else {
            throw TableFormatError(.schemaMismatch, "base file '\(file)': the record key column is \(vector.type), not string")
        }
        try vector.buffer.withUnsafeBufferPointer(as: UInt8.self) { bytes in
            for i in 0..<rowCount {
                let row = physicalRow(i)
                if vector.isNull(row) { continue }
                let start = Int(vector.offsets[row])
                let end = Int(vector.offsets[row + 1])
                guard start >= 0, start <= end, end <= bytes.count else {
                    throw TableFormatError(.io, "base file '\(file)': record key offsets \(start)..<\(end) outside \(bytes.count) bytes")
                }
                try body(row, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
        }
    }
}
