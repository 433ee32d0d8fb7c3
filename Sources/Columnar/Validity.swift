/// Validity bitmap: bit `i` of word `i / 64` set means row `i` is valid (not null).
/// A vector with no `Validity` has every row valid, which is the fast path kernels test first.
public struct Validity: Sendable, Hashable {
    public var words: ContiguousArray<UInt64>

    /// `count` rows, all valid.
    public init(allValid count: Int) {
        words = ContiguousArray(repeating: ~0, count: Validity.wordCount(count))
    }

    /// `count` rows, all null.
    public init(allNull count: Int) {
        words = ContiguousArray(repeating: 0, count: Validity.wordCount(count))
    }

    public init(words: ContiguousArray<UInt64>) { self.words = words }

    @inlinable
    public static func wordCount(_ rows: Int) -> Int { (rows + 63) >> 6 }

    @inlinable
    public func isValid(_ row: Int) -> Bool {
        words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    @inlinable
    public mutating func set(_ row: Int, valid: Bool) {
        let bit: UInt64 = 1 << UInt64(row & 63)
        if valid { words[row >> 6] |= bit } else { words[row >> 6] &= ~bit }
    }

    /// Grows to hold `rows` rows; new rows are valid.
    public mutating func resize(_ rows: Int) {
        let needed = Validity.wordCount(rows)
        if words.count < needed { words.append(contentsOf: repeatElement(~0, count: needed - words.count)) }
    }

    /// Number of null rows among the first `count`.
    public func nullCount(_ count: Int) -> Int {
        var valid = 0
        let full = count >> 6
        for w in 0..<full { valid &+= words[w].nonzeroBitCount }
        let rest = count & 63
        if rest > 0 { valid &+= (words[full] & ((1 << UInt64(rest)) &- 1)).nonzeroBitCount }
        return count - valid
    }
}
