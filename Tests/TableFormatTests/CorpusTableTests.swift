import Foundation
import Storage
import Testing
@testable import TableFormat

/// Every corpus table opens: config, checksum, timeline and schema; the unsupported ones say why.
@Suite("Hudi corpus tables", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
struct CorpusTableTests {
    @Test("opens, checksum verifies, timeline and schema load", arguments: HudiCorpus.all)
    func opens(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let table = try HudiTable.open(store: try LocalStore(root: path.path), path: "")
        #expect(!table.config.name.isEmpty)
        #expect(table.config.properties[HoodieTableConfig.Key.checksum] != nil)
        if !name.contains("empty") {
            #expect(!table.timeline.completedCommits.isEmpty)
            #expect(!table.dataSchema.fields.isEmpty)
        }
        // Every completed commit's metadata decodes (JSON in layout 1, Avro in layout 2).
        for instant in table.timeline.completedCommits {
            let metadata = try table.commitMetadata(instant)
            #expect(metadata.operationType != nil, "\(instant)")
        }
    }

    @Test("Lance base files are reported as unsupported", arguments: HudiCorpus.lance)
    func lance(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let table = try HudiTable.open(store: try LocalStore(root: path.path), path: "")
        #expect(table.config.baseFileFormat == "LANCE")
        let error = #expect(throws: TableFormatError.self) { _ = try table.snapshot(options: .init(readOptimized: true)) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("LANCE") == true)
    }

    @Test("merge-on-read snapshots say log merging is unsupported; the read-optimized view reads base files",
          arguments: HudiCorpus.tables { $0.contains("_mor_") && !$0.contains("lance") })
    func mergeOnRead(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let table = try HudiTable.open(store: try LocalStore(root: path.path), path: "")
        let error = #expect(throws: TableFormatError.self) { _ = try table.snapshot() }
        #expect(error?.message.contains("merging log files is not supported yet") == true)
        var scan = try table.snapshot(options: .init(readOptimized: true))
        _ = try scan.collect()
    }

    @Test("v6 commit metadata decodes as format.md shows it")
    func v6CommitMetadata() throws {
        guard HudiCorpus.copyOnWrite.contains("sample_table_cow_v6_nonpartitioned") else { return }
        let table = try HudiTable.open(store: try LocalStore(root: try HudiCorpus.unzip("sample_table_cow_v6_nonpartitioned").path), path: "")
        let instant = try #require(table.timeline.completedCommits.last)
        #expect(instant.requestedTime == "20240418173551906")
        let stat = try #require(try table.commitMetadata(instant).partitionToWriteStats[""]?.first)
        #expect(stat.fileId == "a079bdb3-731c-4894-b855-abfcd6921007-0")
        #expect(stat.prevCommit == "20240418173550988")
        #expect(stat.numWrites == 4 && stat.numUpdateWrites == 1 && stat.numInserts == 1 && stat.fileSizeInBytes == 441520)
    }

    @Test("v8 Avro commit metadata decodes to the same fields")
    func v8CommitMetadata() throws {
        guard HudiCorpus.copyOnWrite.contains("sample_table_cow_v8_nonpartitioned") else { return }
        let table = try HudiTable.open(store: try LocalStore(root: try HudiCorpus.unzip("sample_table_cow_v8_nonpartitioned").path), path: "")
        let instant = try #require(table.timeline.completedCommits.last)
        #expect(instant.requestedTime == "20250713010536861" && instant.completionTime == "20250713010537206")
        let metadata = try table.commitMetadata(instant)
        let stat = try #require(metadata.partitionToWriteStats[""]?.first)
        #expect(stat.prevCommit == "20250713010535797")
        #expect(stat.prevBaseFile == "2746610d-ad02-4adb-a038-5cbb99cbd455-0_0-54-79_20250713010535797.parquet")
        #expect(stat.numWrites == 4 && stat.fileSizeInBytes == 441515)
        #expect(metadata.operationType == "UPSERT")
        #expect(metadata.schema?.contains("v8_nonpartitioned_record") == true)
    }

    @Test("overwrite table replacecommit hides the replaced file groups")
    func replaceCommit() throws {
        let name = "sample_table_cow_v6_simplekeygen_nonhivestyle_overwritetable"
        guard HudiCorpus.copyOnWrite.contains(name) else { return }
        let table = try HudiTable.open(store: try LocalStore(root: try HudiCorpus.unzip(name).path), path: "")
        let replace = try #require(table.timeline.completedCommits.last { $0.action == .replaceCommit })
        #expect(try table.commitMetadata(replace).operationType == "INSERT_OVERWRITE_TABLE")
        let replaced = try table.replacedFileGroups(asOf: replace.requestedTime)
        #expect(replaced.count == 3)
        let live = try table.latestFileSlices()
        #expect(live.allSatisfy { !replaced.contains(HoodieFileGroup.ID(partitionPath: $0.partitionPath, fileId: $0.fileId)) })
        #expect(live.map(\.partitionPath) == ["30"])
    }
}

/// The reader only talks to `ObjectStore`: the same table under a key prefix of a MemoryStore (as on S3)
/// reads the same rows as from local disk.
@Suite("Hudi tables in any store", .enabled(if: HudiCorpus.available, "needs ../shared/corpus/hudi"))
struct StoreAgnosticTests {
    @Test("memory store under a prefix equals local disk",
          arguments: HudiCorpus.copyOnWrite.filter { $0.contains("v8_nonpartitioned") || $0.contains("v9_txns_simple_meta") })
    func memoryStore(_ name: String) throws {
        let path = try HudiCorpus.unzip(name)
        let local = try LocalStore(root: path.path)
        let memory = MemoryStore(name: "agnostic-\(name)")
        for object in try local.listAll(prefix: "").objects {
            try memory.put("warehouse/db/t/" + object.key, try local.get(object.key))
        }
        let fromDisk = try HudiTable.open(store: local, path: "")
        let fromMemory = try HudiTable.open(store: memory, path: "/warehouse/db/t/")
        #expect(fromMemory.basePath == "warehouse/db/t")
        #expect(fromMemory.schema == fromDisk.schema)
        let columns = fromDisk.schema.fields.map(\.name)
        var a = try fromDisk.snapshot(), b = try fromMemory.snapshot()
        #expect(CanonicalRow.rows(try a.collect(), columns: columns) == CanonicalRow.rows(try b.collect(), columns: columns))
        for instant in fromDisk.timeline.completedCommits {
            var x = try fromDisk.snapshot(asOf: instant.requestedTime), y = try fromMemory.snapshot(asOf: instant.requestedTime)
            #expect(CanonicalRow.rows(try x.collect(), columns: columns) == CanonicalRow.rows(try y.collect(), columns: columns))
        }
    }
}
