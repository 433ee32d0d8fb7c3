import Foundation
import Testing
@testable import Storage

/// One behavioural suite, run against every store kind this machine has (local, memory, and S3 when the
/// test server runs; the S3-only suite reports the skip).
@Suite struct ObjectStoreBehaviourTests {
    @Test(arguments: StoreKind.available)
    func putGetHeadDelete(kind: StoreKind) throws {
        let store = try kind.make()
        let bytes = pattern(10_000)
        try store.put("a/b/object.bin", bytes)
        #expect(try store.get("a/b/object.bin") == bytes)
        let meta = try store.head("a/b/object.bin")
        #expect(meta.size == 10_000)
        #expect(meta.etag != nil)
        #expect(meta.lastModified != nil)
        try store.put("a/b/object.bin", [1, 2, 3])
        #expect(try store.get("a/b/object.bin") == [1, 2, 3])
        try store.delete("a/b/object.bin")
        try store.delete("a/b/object.bin")
        #expect(errorCode { _ = try store.get("a/b/object.bin") } == .notFound)
        #expect(errorCode { _ = try store.head("a/b/object.bin") } == .notFound)
    }

    @Test(arguments: StoreKind.available)
    func rangeReads(kind: StoreKind) throws {
        let store = try kind.make()
        let bytes = pattern(1000, seed: 7)
        try store.put("r.bin", bytes)
        #expect(try store.get("r.bin", range: 0..<10) == Array(bytes[0..<10]))
        #expect(try store.get("r.bin", range: 500..<1000) == Array(bytes[500..<1000]))
        #expect(try store.get("r.bin", range: 990..<2000) == Array(bytes[990..<1000]))
        #expect(try store.get("r.bin", range: 1000..<1010) == [])
        #expect(try store.get("r.bin", range: 5..<5) == [])
        #expect(errorCode { _ = try store.get("missing.bin", range: 0..<10) } == .notFound)
    }

    @Test(arguments: StoreKind.available)
    func putIfAbsent(kind: StoreKind) throws {
        let store = try kind.make()
        try store.putIfAbsent("commit/001", [1])
        #expect(errorCode { try store.putIfAbsent("commit/001", [2]) } == .alreadyExists)
        #expect(try store.get("commit/001") == [1])
        let outcomes = race(8) { index in errorCode { try store.putIfAbsent("commit/002", [UInt8(index)]) } }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == .alreadyExists }.count == 7)
    }

    @Test(arguments: StoreKind.available)
    func listing(kind: StoreKind) throws {
        let store = try kind.make()
        let keys = ["d/x/1", "d/x/2", "d/y", "d/z/3", "e", "d/a b", "d/ü"]
        for key in keys { try store.put(key, Array(key.utf8)) }
        let all = try store.listAll(prefix: "d/")
        #expect(all.objects.map(\.key) == ["d/a b", "d/x/1", "d/x/2", "d/y", "d/z/3", "d/ü"])
        #expect(all.objects.first?.size == 5)
        let rolled = try store.listAll(prefix: "d/", delimiter: "/")
        #expect(rolled.objects.map(\.key) == ["d/a b", "d/y", "d/ü"])
        #expect(rolled.commonPrefixes == ["d/x/", "d/z/"])
        var pages = 0
        var seen: [String] = []
        var token: String?
        repeat {
            let page = try store.list(prefix: "", delimiter: nil, maxKeys: 2, continuationToken: token)
            #expect(page.objects.count <= 2)
            seen += page.objects.map(\.key)
            token = page.continuationToken
            pages += 1
        } while token != nil
        #expect(seen == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(pages >= 4)
        #expect(try store.listAll(prefix: "nothing/").objects.isEmpty)
    }

    @Test(arguments: StoreKind.available)
    func streamingWriter(kind: StoreKind) throws {
        let store = try kind.make()
        let bytes = pattern(9 << 20, seed: 3)
        let writer = try store.writer("big/streamed.bin")
        for start in stride(from: 0, to: bytes.count, by: 1 << 20) {
            try writer.write(Array(bytes[start..<min(start + (1 << 20), bytes.count)]))
        }
        #expect(try !store.exists("big/streamed.bin"))
        try writer.finish()
        #expect(try store.get("big/streamed.bin") == bytes)
        let aborted = try store.writer("big/aborted.bin")
        try aborted.write([1, 2, 3])
        aborted.abort()
        #expect(try !store.exists("big/aborted.bin"))
        #expect(try store.listAll(prefix: "big/").objects.map(\.key) == ["big/streamed.bin"])
    }

    @Test(arguments: StoreKind.available)
    func awkwardKeys(kind: StoreKind) throws {
        let store = try kind.make()
        let keys = ["sp ace/x y.txt", "plus+equals=/a", "percent%25/b", "tilde~/c", "unicode/日本語 ключ",
                    "punct/!'()*,;:@&$"]
        for (index, key) in keys.enumerated() { try store.put(key, [UInt8(index)]) }
        for (index, key) in keys.enumerated() {
            #expect(try store.get(key) == [UInt8(index)], "\(key)")
            #expect(try store.head(key).size == 1)
        }
        #expect(Set(try store.listAll(prefix: "").objects.map(\.key)) == Set(keys))
        #expect(try store.listAll(prefix: "plus+equals=/").objects.map(\.key) == ["plus+equals=/a"])
    }
}
