import Columnar

/// Builds a non-null string vector by appending UTF-8 values.
struct StringVectorBuilder {
    private var buffer = ByteBuffer()
    private var offsets: ContiguousArray<Int32> = [0]

    init(capacity: Int, bytesPerValue: Int) {
        offsets.reserveCapacity(capacity + 1)
        buffer.reserve(capacity * bytesPerValue)
    }

    mutating func append(_ value: String) throws {
        var value = value
        value.withUTF8 { buffer.append(raw: UnsafeRawBufferPointer($0)) }
        guard let end = Int32(exactly: buffer.count) else {
            throw TableFormatError(.invalidArgument, "a string column of one batch exceeds \(Int32.max) bytes")
        }
        offsets.append(end)
    }

    /// A vector of `count` copies of `value`.
    static func repeating(_ value: String, count: Int) throws -> Vector {
        var builder = StringVectorBuilder(capacity: count, bytesPerValue: value.utf8.count)
        for _ in 0..<count { try builder.append(value) }
        return builder.build()
    }

    func build() -> Vector {
        Vector(type: .string, count: offsets.count - 1, buffer: buffer, offsets: offsets)
    }
}
