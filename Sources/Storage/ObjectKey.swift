/// Key rules shared by the stores, and the sort order of listings.
enum ObjectKey {
    /// Rejects keys that would escape a root directory or that a file system cannot hold:
    /// empty keys, absolute keys, empty, `.` and `..` segments, NUL bytes, over 1,024 UTF-8 bytes.
    static func validate(_ key: String, in storeURI: String) throws {
        func reject(_ why: String) -> StorageError {
            StorageError(.invalidKey, "invalid key '\(key)' in \(storeURI): \(why)")
        }
        if key.isEmpty { throw reject("empty") }
        if key.utf8.count > 1024 { throw reject("longer than 1024 bytes") }
        if key.hasPrefix("/") { throw reject("absolute") }
        if key.utf8.contains(0) { throw reject("contains NUL") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw reject("empty path segment") }
            if segment == "." || segment == ".." { throw reject("'\(segment)' segment") }
        }
    }

    /// S3 orders keys by their UTF-8 bytes; Swift's `<` on String does not.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// Pages over a sorted array of objects the way ListObjectsV2 does, for the stores that hold every key at hand.
struct ListPaginator {
    var prefix: String
    var delimiter: String?
    var maxKeys: Int
    /// The last key or common prefix of the previous page.
    var after: String?

    func page(_ sorted: [ObjectMeta]) -> ListPage {
        var objects: [ObjectMeta] = []
        var prefixes: [String] = []
        var last: String?
        let limit = max(1, min(maxKeys, 1000))
        for object in sorted where object.key.hasPrefix(prefix) {
            var entry = object.key
            if let delimiter, !delimiter.isEmpty,
               let cut = entry.utf8.dropFirst(prefix.utf8.count).firstRange(of: delimiter.utf8) {
                entry = String(entry[..<cut.upperBound])
            }
            if let after, !ObjectKey.precedes(after, entry) { continue }
            if entry == last { continue }
            if objects.count + prefixes.count == limit {
                return ListPage(objects: objects, commonPrefixes: prefixes, continuationToken: last)
            }
            if entry == object.key { objects.append(object) } else { prefixes.append(entry) }
            last = entry
        }
        return ListPage(objects: objects, commonPrefixes: prefixes, continuationToken: nil)
    }
}
