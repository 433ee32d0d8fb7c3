import Foundation
import Testing
@testable import Storage

@Suite struct LocalStoreTests {
    @Test(arguments: ["../escape", "a/../../b", "/etc/passwd", "a//b", "a/./b", "", "a/", ".sluice-tmp-x"])
    func keysStayInsideTheRoot(key: String) throws {
        let store = try LocalStore(root: temporaryDirectory())
        #expect(errorCode { try store.put(key, [1]) } == .invalidKey)
        #expect(errorCode { _ = try store.get(key) } == .invalidKey)
        #expect(errorCode { try store.putIfAbsent(key, [1]) } == .invalidKey)
    }

    @Test func putLeavesNoTemporaryFiles() throws {
        let root = temporaryDirectory()
        let store = try LocalStore(root: root)
        try store.put("t/x", pattern(100))
        try store.putIfAbsent("t/y", [1])
        _ = errorCode { try store.putIfAbsent("t/y", [2]) }
        let writer = try store.writer("t/z")
        try writer.write([1])
        writer.abort()
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/t").sorted()
        #expect(names == ["x", "y"])
    }

    @Test func listFollowsSymbolicLinksAndEndsLinkCycles() throws {
        let outside = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: outside + "/folder", withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: outside + "/file.csv"))
        try Data([4]).write(to: URL(fileURLWithPath: outside + "/folder/inner.csv"))
        let root = temporaryDirectory()
        let store = try LocalStore(root: root)
        try store.put("in/own.csv", [9])
        try FileManager.default.createSymbolicLink(atPath: root + "/in/linked.csv", withDestinationPath: outside + "/file.csv")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/linked", withDestinationPath: outside + "/folder")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/loop", withDestinationPath: root + "/in")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/dangling.csv", withDestinationPath: outside + "/gone")
        let page = try store.list(prefix: "in/", delimiter: nil, maxKeys: 1000, continuationToken: nil)
        #expect(page.objects.map(\.key) == ["in/linked.csv", "in/linked/inner.csv", "in/own.csv"])
        #expect(page.objects.first?.size == 3)
    }

    @Test func fileURIsAndPathsOpenLocalStores() throws {
        let root = temporaryDirectory()
        let viaURI = try ObjectStores.open(uri: "file://" + root)
        try viaURI.put("k", [7])
        #expect(try ObjectStores.open(uri: root).get("k") == [7])
        let (store, key) = try ObjectStores.open(objectURI: root + "/k")
        #expect(key == "k")
        #expect(try store.get(key) == [7])
    }

    @Test func memoryURIsShareOneStorePerName() throws {
        let name = "shared-\(UUID().uuidString)"
        try ObjectStores.open(uri: "memory://\(name)").put("k", [1])
        #expect(try ObjectStores.open(uri: "memory://\(name)").get("k") == [1])
        #expect(errorCode { _ = try ObjectStores.open(uri: "memory://other-\(name)").get("k") } == .notFound)
        #expect(errorCode { _ = try ObjectStores.open(uri: "ftp://x/y") } == .invalidURI)
    }

    @Test func sixteenConcurrentCreatorsOneWinner() throws {
        let store = try LocalStore(root: temporaryDirectory())
        for round in 0..<20 {
            let outcomes = race(16) { index in errorCode { try store.putIfAbsent("c/\(round)", [UInt8(index)]) } }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 15)
        }
    }
}
