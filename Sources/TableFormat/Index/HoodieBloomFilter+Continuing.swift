extension HoodieBloomFilter {
    init(storage: Storage) { self.storage = storage }

    /// This empty filter as it stands after adding, in order, the `keyCount` keys that built `written` (a base
    /// file's footer filter, read back): adding more keys to the result sets the bits and picks the rows that
    /// adding them after those keys would. Nil when `written` has another type or shape than this filter, or
    /// counters that `keyCount` keys do not give, so it cannot have been built that way.
    func continuing(_ written: HoodieBloomFilter, afterKeys keyCount: Int) -> HoodieBloomFilter? {
        switch (storage, written.storage) {
        case (.simple(let empty), .simple(let old)):
            guard old.vectorSize == empty.vectorSize, old.nbHash == empty.nbHash, old.hashType == empty.hashType else { return nil }
            return HoodieBloomFilter(storage: .simple(old))
        case (.dynamic(let empty), .dynamic(let old)):
            return empty.continuing(old, afterKeys: keyCount).map { HoodieBloomFilter(storage: .dynamic($0)) }
        default:
            return nil
        }
    }
}
