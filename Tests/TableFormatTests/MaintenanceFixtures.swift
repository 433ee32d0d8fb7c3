import Columnar
import Foundation
import Storage
import Testing
@testable import TableFormat

/// Copies of Spark corpus tables in a LocalStore and a MemoryStore, for table services to change, plus the
/// timeline surgery tests need (a failed write, an extra commit) and the hudi-rs comparison.
enum MaintenanceFixtures {
    static let tables = ["sample_table_cow_v6_simplekeygen_nonhivestyle", "sample_table_cow_v8_nonpartitioned"]

    /// A fresh copy of corpus table `name`: (LocalStore, its folder) and a MemoryStore with the same objects.
    static func copies(_ name: String) throws -> (local: LocalStore, folder: URL, memory: MemoryStore) {
        let source = try HudiCorpus.unzip(name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-maint-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: folder)
        let memory = MemoryStore(name: "maint-\(name)")
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let key = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            try memory.put(key, Array(try Data(contentsOf: url)))
        }
        return (try LocalStore(root: folder.path), folder, memory)
    }

    /// Both stores of a fresh copy, each with a label for messages.
    static func stores(_ name: String) throws -> [(label: String, store: any ObjectStore, folder: URL?)] {
        let copy = try copies(name)
        return [("local", copy.local, copy.folder), ("memory", copy.memory, nil)]
    }

    /// Simulates a write that died after writing base files: `<t>.commit.requested`, `<t>.inflight` and, for each
    /// latest slice, a copy of its base file as a new slice at t, plus one new file group. Returns t and the keys.
    static func failedWrite(_ table: HudiTable, action: HoodieInstant.Action = .commit) throws -> (time: String, keys: [String]) {
        let writer = try HoodieTimelineWriter(store: table.store, basePath: table.basePath, config: table.config)
        let time = writer.newInstantTime(after: try table.currentTimeline())
        let requested = try writer.createRequested(action: action, time: time, content: [])
        _ = try writer.transitionToInflight(requested, content: [])
        var keys: [String] = []
        for slice in try table.latestFileSlices() {
            let bytes = try table.store.get(slice.baseFile.key)
            let folder = slice.baseFile.key.split(separator: "/").dropLast().joined(separator: "/")
            for fileId in [slice.fileId, UUID().uuidString.lowercased() + "-0"] {
                let key = (folder.isEmpty ? "" : folder + "/") + "\(fileId)_0-99-99_\(time).parquet"
                try table.store.put(key, bytes)
                keys.append(key)
            }
        }
        return (time, keys)
    }

    /// The rows of a scan, canonical as hudi_expected.py renders them.
    static func rows(_ scan: HudiScan) throws -> [String] {
        var scan = scan
        let batches = try scan.collect()
        return CanonicalRow.rows(batches, columns: scan.schema.fields.map(\.name))
    }

    /// Compares Sluice with hudi-rs on the table in `folder`: the snapshot and time travel to every completed
    /// instant hudi-rs lists, except those `skipAsOf` names (instants cleaned away, which Sluice refuses).
    static func compareWithHudiRs(_ folder: URL, label: String, skipAsOf: (String) -> Bool = { _ in false }) throws {
        guard HudiCorpus.python != nil else { return }
        let table = try HudiTable.open(store: try LocalStore(root: folder.path), path: "")
        var compared = 0
        for read in try HudiRsInteropTests.expected(folder) where read.kind != "incremental" {
            if read.kind == "asOf", skipAsOf(read.args[0]) { continue }
            let what = "\(label) \(read.kind)(\(read.args.joined(separator: ",")))"
            guard let rows = read.rows else {
                Issue.record("\(what): hudi-rs failed: \(read.error ?? "")")
                continue
            }
            let scan = read.kind == "snapshot" ? try table.snapshot() : try table.snapshot(asOf: read.args[0])
            var copy = scan
            #expect(CanonicalRow.rows(try copy.collect(), columns: read.columns) == rows, "\(what)")
            compared += 1
        }
        #expect(compared >= 2, "\(label): hudi-rs comparisons made")
    }
}
