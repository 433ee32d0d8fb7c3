import Foundation
import Storage
import Testing
@testable import TableFormat

/// Hudi's visibility rules on a synthetic v6 table in memory (file names only; no data is read).
@Suite("File groups and slices")
struct FileSliceTests {
    static let properties = """
    hoodie.table.name=t
    hoodie.table.type=COPY_ON_WRITE
    hoodie.table.version=6
    hoodie.timeline.layout.version=1
    hoodie.table.partition.fields=p
    hoodie.table.create.schema={"type":"record","name":"r","fields":[{"name":"id","type":["null","int"]}]}
    """

    static func commit(_ stats: [(String, String, String)], replaced: [String: [String]] = [:]) -> [UInt8] {
        var byPartition: [String: [[String: Any]]] = [:]
        for (partition, fileId, path) in stats {
            byPartition[partition, default: []].append(["fileId": fileId, "path": path, "prevCommit": "null", "numWrites": 1])
        }
        let schema = #"{"type":"record","name":"r","fields":[{"name":"id","type":["null","int"]}]}"#
        let object: [String: Any] = ["partitionToWriteStats": byPartition, "partitionToReplaceFileIds": replaced,
                                     "extraMetadata": ["schema": schema],
                                     "operationType": replaced.isEmpty ? "UPSERT" : "INSERT_OVERWRITE"]
        return Array(try! JSONSerialization.data(withJSONObject: object))
    }

    /// t1 writes f1 (a) and f2 (b); t2 rewrites f1; t3 fails midway (inflight) rewriting f1 and creating f3;
    /// t4 (replacecommit) replaces f2 with f4; an archived-era file f0 from t0 predates the timeline.
    static func makeTable() throws -> MemoryStore {
        let store = MemoryStore(name: "file-slices-\(UUID().uuidString)")
        try store.put(".hoodie/hoodie.properties", Array(properties.utf8))
        let files = ["a/f0-0_0-1-1_20240101000000000.parquet",
                     "a/f1-0_0-1-1_20240101000000001.parquet", "b/f2-0_0-1-1_20240101000000001.parquet",
                     "a/f1-0_0-2-2_20240101000000002.parquet",
                     "a/f1-0_0-3-3_20240101000000003.parquet", "a/f3-0_0-3-3_20240101000000003.parquet",
                     "b/f4-0_0-4-4_20240101000000004.parquet", "a/.hoodie_partition_metadata",
                     "a/.f1-0_20240101000000002.log.1_0-1-1"]
        for file in files { try store.put(file, [0]) }
        try store.put(".hoodie/20240101000000001.commit", commit([("a", "f1-0", files[1]), ("b", "f2-0", files[2])]))
        try store.put(".hoodie/20240101000000002.commit", commit([("a", "f1-0", files[3])]))
        try store.put(".hoodie/20240101000000003.commit.requested", [])
        try store.put(".hoodie/20240101000000003.inflight", [])
        try store.put(".hoodie/20240101000000004.replacecommit", commit([("b", "f4-0", files[6])], replaced: ["b": ["f2-0"]]))
        return store
    }

    static func slices(_ table: HudiTable, asOf: String?) throws -> [String] {
        try table.latestFileSlices(asOf: asOf).map(\.baseFile.fileName)
    }

    @Test("time travel: latest committed slice ≤ T; inflight files ignored; replaced groups hidden from R on")
    func timeTravel() throws {
        let table = try HudiTable.open(store: try Self.makeTable(), path: "")
        #expect(try Self.slices(table, asOf: "20240101000000001") == [
            "f0-0_0-1-1_20240101000000000.parquet", "f1-0_0-1-1_20240101000000001.parquet", "f2-0_0-1-1_20240101000000001.parquet"])
        #expect(try Self.slices(table, asOf: "20240101000000003") == [
            "f0-0_0-1-1_20240101000000000.parquet", "f1-0_0-2-2_20240101000000002.parquet", "f2-0_0-1-1_20240101000000001.parquet"])
        let latest = try Self.slices(table, asOf: nil)
        #expect(latest == ["f0-0_0-1-1_20240101000000000.parquet", "f1-0_0-2-2_20240101000000002.parquet",
                           "f4-0_0-4-4_20240101000000004.parquet"])
        #expect(try Self.slices(table, asOf: "20231231000000000").isEmpty)
        let view = try table.fileSystemView()
        #expect(view.partitionPaths == ["a", "b"])
        #expect(view.logFileCount == 1)
        #expect(view.fileGroups.count == 5)
    }

    @Test("incremental slices: the newest slice each commit in range wrote, minus replaced groups")
    func incremental() throws {
        let table = try HudiTable.open(store: try Self.makeTable(), path: "")
        let commits = table.commits(between: "20240101000000001", and: "20240101000000004")
        #expect(commits.map(\.requestedTime) == ["20240101000000002", "20240101000000004"])
        let slices = try table.incrementalFileSlices(commits: commits)
        #expect(slices.map(\.baseFile.fileName) == ["f1-0_0-2-2_20240101000000002.parquet", "f4-0_0-4-4_20240101000000004.parquet"])
        #expect(try table.partitionPathsFromCommitMetadata() == ["a", "b"])
    }

    @Test("a stray file named unlike a base file fails the listing and names the file")
    func strayFile() throws {
        let store = try Self.makeTable()
        try store.put("a/part-0000.parquet", [0])
        let table = try HudiTable.open(store: store, path: "")
        let error = #expect(throws: TableFormatError.self) { _ = try table.fileSystemView() }
        #expect(error?.code == .invalidFileName)
        #expect(error?.message.contains("a/part-0000.parquet") == true)
    }

    @Test("bad arguments and bad timeline files throw with the name")
    func errors() throws {
        let store = try Self.makeTable()
        let table = try HudiTable.open(store: store, path: "")
        #expect(throws: TableFormatError.self) { _ = try table.snapshot(asOf: "yesterday") }
        #expect(throws: TableFormatError.self) { _ = try table.snapshot(options: .init(columns: ["nope"])) }
        try store.put(".hoodie/20240101000000009.commmit", [])
        let error = #expect(throws: TableFormatError.self) { _ = try HudiTable.open(store: store, path: "") }
        #expect(error?.message.contains("20240101000000009.commmit") == true)
        let missing = #expect(throws: TableFormatError.self) { _ = try HudiTable.open(store: store, path: "elsewhere") }
        #expect(missing?.code == .notATable)
    }

    @Test("base file names", arguments: [
        ("a079bdb3-731c-4894-b855-abfcd6921007-0_0-182-253_20240418173550988.parquet", "a079bdb3-731c-4894-b855-abfcd6921007-0", "0-182-253", "20240418173550988"),
        ("x-1_1-2-3_20240418173550.parquet", "x-1", "1-2-3", "20240418173550"),
    ])
    func baseFileNames(name: String, fileId: String, token: String, instant: String) throws {
        let file = try HoodieBaseFile(fileName: name, partitionPath: "", key: name)
        #expect(file.fileId == fileId && file.writeToken == token && file.instantTime == instant && file.fileExtension == "parquet")
    }

    @Test("bad base file names", arguments: ["data.parquet", "a_b.parquet", "a_b_c.parquet", "a__20240418173550988.parquet",
                                             "a_b_20240418173550988_x.parquet", "noextension"])
    func badBaseFileNames(name: String) {
        let error = #expect(throws: TableFormatError.self) { _ = try HoodieBaseFile(fileName: name, partitionPath: "", key: name) }
        #expect(error?.message.contains(name) == true)
    }
}
