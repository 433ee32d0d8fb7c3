/// A column of `count` values of one `DataType`.
///
/// Layout by type:
/// - fixed width (booleans one byte each, 0 or 1): `buffer` holds `count * fixedWidth` bytes;
/// - string, binary: `offsets` holds `count + 1` entries, `buffer` the concatenated bytes;
/// - list: `offsets` (`count + 1`) into `children[0]`, the elements;
/// - map: `offsets` (`count + 1`) into `children[0]` (keys) and `children[1]` (values);
/// - struct: `children`, one per field, each of `count` rows;
/// - null: nothing but `count`.
/// `validity == nil` means every row is valid. A null row's slot content is unspecified (zeroed by builders).
public struct Vector: Sendable, Equatable {
    public var type: DataType
    public var count: Int
    public var validity: Validity?
    public var buffer: ByteBuffer
    public var offsets: ContiguousArray<Int32>
    public var children: [Vector]

    public init(
        type: DataType, count: Int = 0, validity: Validity? = nil, buffer: ByteBuffer = ByteBuffer(),
        offsets: ContiguousArray<Int32> = [], children: [Vector] = []
    ) {
        self.type = type
        self.count = count
        self.validity = validity
        self.buffer = buffer
        self.offsets = offsets
        self.children = children
    }

    /// An empty vector of `type`, with the offsets and children its layout needs.
    public static func empty(_ type: DataType) -> Vector {
        switch type {
        case .string, .binary:
            return Vector(type: type, offsets: [0])
        case .list(let element):
            return Vector(type: type, offsets: [0], children: [.empty(element.type)])
        case .map(let key, let value):
            return Vector(type: type, offsets: [0], children: [.empty(key.type), .empty(value.type)])
        case .structure(let fields):
            return Vector(type: type, children: fields.map { .empty($0.type) })
        default:
            return Vector(type: type)
        }
    }

    @inlinable
    public func isNull(_ row: Int) -> Bool {
        if case .null = type { return true }
        guard let validity else { return false }
        return !validity.isValid(row)
    }

    public var nullCount: Int {
        if case .null = type { return count }
        return validity?.nullCount(count) ?? 0
    }

    /// The bytes of string or binary row `row`.
    public func bytes(at row: Int) -> [UInt8] {
        buffer.bytes(Int(offsets[row])..<Int(offsets[row + 1]))
    }

    /// The elements range of list or map row `row` in the child vectors.
    public func childRange(at row: Int) -> Range<Int> {
        Int(offsets[row])..<Int(offsets[row + 1])
    }

    /// Marks row `row` null, creating the bitmap on first use.
    public mutating func setNull(_ row: Int) {
        if validity == nil { validity = Validity(allValid: max(count, row + 1)) }
        validity!.resize(max(count, row + 1))
        validity!.set(row, valid: false)
    }
}
