import Columnar

/// Building result vectors: fixed-width buffers written in place, validity combined word by word.
extension Vector {
    /// A vector of `count` zeroed `T` slots that `body` fills in place.
    @inlinable
    static func makeFixed<T: BitwiseCopyable>(
        _ type: DataType, count: Int, validity: Validity?, as _: T.Type,
        _ body: (UnsafeMutableBufferPointer<T>) throws -> Void
    ) rethrows -> Vector {
        var buffer = ByteBuffer(capacity: count * MemoryLayout<T>.stride)
        buffer.resize(count * MemoryLayout<T>.stride)
        try buffer.withUnsafeMutableBufferPointer(as: T.self, body)
        return Vector(type: type, count: count, validity: validity, buffer: buffer)
    }

    /// Typed read access to a fixed-width vector's values.
    @inlinable
    func withValues<T: BitwiseCopyable, R>(as _: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer(as: T.self, body)
    }

    /// A vector of `count` rows, all null.
    static func nulls(_ type: DataType, count: Int) -> Vector {
        var vector = Vector.empty(type)
        if case .null = type {
            vector.count = count
            return vector
        }
        if let width = type.fixedWidth, !type.isNested {
            var buffer = ByteBuffer(capacity: width * count)
            buffer.resize(width * count)
            return Vector(type: type, count: count, validity: Validity(allNull: count), buffer: buffer)
        }
        for _ in 0..<count { vector.append(.null) }
        return vector
    }

    /// `count` copies of one boxed value (a literal broadcast to a batch).
    static func constant(_ value: Value, type: DataType, count: Int) -> Vector {
        if case .null = value { return nulls(type, count: count) }
        var one = Vector(type: type, values: [value])
        if let width = type.fixedWidth, width > 0, !type.isNested {
            let bytes = one.buffer.bytes(0..<width)
            var buffer = ByteBuffer(capacity: width * count)
            for _ in 0..<count { buffer.append(contentsOf: bytes) }
            return Vector(type: type, count: count, buffer: buffer)
        }
        one = Vector.empty(type)
        for _ in 0..<count { one.append(value) }
        return one
    }
}

extension Validity {
    /// Rows valid in both (nil meaning all valid).
    static func intersect(_ a: Validity?, _ b: Validity?) -> Validity? {
        guard let a else { return b }
        guard let b else { return a }
        var words = a.words
        let n = Swift.min(words.count, b.words.count)
        for w in 0..<n { words[w] &= b.words[w] }
        return Validity(words: words)
    }

    /// A bitmap of `count` rows sized for writing.
    static func ensure(_ validity: Validity?, count: Int) -> Validity {
        var result = validity ?? Validity(allValid: count)
        result.resize(count)
        return result
    }
}

/// Builds a string or binary vector row by row: offsets plus concatenated bytes.
struct ByteVectorBuilder {
    var type: DataType
    var offsets: ContiguousArray<Int32>
    var bytes: ByteBuffer
    var validity: Validity?
    var count = 0

    init(_ type: DataType, capacity: Int, byteCapacity: Int = 0) {
        self.type = type
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        bytes = ByteBuffer(capacity: byteCapacity)
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) throws {
        bytes.append(raw: raw)
        try close()
    }

    mutating func append(_ array: [UInt8]) throws {
        bytes.append(contentsOf: array)
        try close()
    }

    mutating func append(_ string: String) throws {
        var string = string
        try string.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
    }

    /// An empty slot (for unselected rows) that is still valid.
    mutating func appendEmpty() {
        offsets.append(offsets[offsets.count - 1])
        count += 1
    }

    mutating func appendNull() {
        let row = count
        appendEmpty()
        if validity == nil { validity = Validity(allValid: row + 1) }
        validity!.resize(row + 1)
        validity!.set(row, valid: false)
    }

    private mutating func close() throws {
        guard bytes.count <= Int(Int32.max) else {
            throw ExecutionError(.outOfRange, "String vector exceeds 2 GiB of bytes")
        }
        offsets.append(Int32(bytes.count))
        count += 1
    }

    func finish() -> Vector {
        var validity = validity
        validity?.resize(count)
        return Vector(type: type, count: count, validity: validity, buffer: bytes, offsets: offsets)
    }
}

/// Read access to a string or binary vector without copying rows out.
struct ByteVectorReader {
    let offsets: UnsafeBufferPointer<Int32>
    let base: UnsafeRawPointer?

    @inline(__always)
    func row(_ i: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets[i])
        return UnsafeRawBufferPointer(start: base.map { $0 + start }, count: Int(offsets[i + 1]) - start)
    }

    @inline(__always)
    func string(_ i: Int) -> String { String(decoding: row(i), as: UTF8.self) }
}

extension Vector {
    /// Read access to a string or binary vector's rows.
    func withBytes<R>(_ body: (ByteVectorReader) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { offsets in
            try buffer.withUnsafeBytes { raw in
                try body(ByteVectorReader(offsets: offsets, base: raw.baseAddress.map { UnsafeRawPointer($0) }))
            }
        }
    }
}
