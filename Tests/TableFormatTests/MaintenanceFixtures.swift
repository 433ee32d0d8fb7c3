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

extension MaintenanceFixtures {
    /// Completes a commit that rewrites every live file group: each latest base file copied as a new slice at a
    /// new instant, with commit metadata cloned from the latest commit (JSON in layout 1, Avro with the same
    /// writer schema in layout 2) and its write stats pointed at the new files. Returns the instant time.
    @discardableResult
    static func extraCommit(_ store: any ObjectStore) throws -> String {
        let table = try HudiTable.open(store: store, path: "")
        let writer = try HoodieTimelineWriter(store: store, basePath: "", config: table.config)
        // The template: the newest plain commit (a replacecommit may carry no write stat).
        let latest = try #require(try table.timeline.completedCommits.reversed().first {
            try $0.action == .commit && !table.commitMetadata($0).writeStats.isEmpty
        })
        let time = writer.newInstantTime(after: try table.currentTimeline())
        var stats: [(partition: String, fileId: String, path: String, prev: String, prevFile: String)] = []
        for slice in try table.latestFileSlices() {
            let name = "\(slice.fileId)_0-7-7_\(time).parquet"
            let path = slice.partitionPath.isEmpty ? name : slice.partitionPath + "/" + name
            try store.put(path, try store.get(slice.baseFile.key))
            stats.append((slice.partitionPath, slice.fileId, path, slice.baseInstantTime, slice.baseFile.fileName))
        }
        let original = try store.get(table.timeline.key(of: latest))
        let content: [UInt8]
        if original.starts(with: AvroObjectContainerFile.magic) {
            let file = try AvroObjectContainerFile(bytes: original, name: latest.fileName)
            guard case .record(var fields) = file.values[0], case .map(let old)? = file.values[0]["partitionToWriteStats"],
                  case .array(let templates)? = old.first?.value, let template = templates.first else {
                throw CorpusError("\(latest): no write stat to clone")
            }
            let grouped = Dictionary(grouping: stats, by: \.partition)
            let map = AvroValue.map(grouped.keys.sorted().map { partition in
                (partition, .array(grouped[partition]!.map { stat in
                    replacing(template, ["fileId": .string(stat.fileId), "path": .string(stat.path), "prevCommit": .string(stat.prev),
                                         "partitionPath": .string(partition), "prevBaseFile": .string(stat.prevFile)])
                }))
            })
            fields = fields.map { $0.name == "partitionToWriteStats" ? ($0.name, map) : $0 }
            content = try AvroObjectContainerFile.encode([.record(fields)], schemaJSON: String(decoding: file.metadata["avro.schema"]!, as: UTF8.self))
        } else {
            var json = try JSONSerialization.jsonObject(with: Data(original)) as! [String: Any]
            let template = ((json["partitionToWriteStats"] as! [String: [[String: Any]]]).values.first!.first!)
            var map: [String: [[String: Any]]] = [:]
            for stat in stats {
                var entry = template
                entry["fileId"] = stat.fileId
                entry["path"] = stat.path
                entry["prevCommit"] = stat.prev
                entry["partitionPath"] = stat.partition
                map[stat.partition, default: []].append(entry)
            }
            json["partitionToWriteStats"] = map
            json["partitionToReplaceFileIds"] = nil
            json["operationType"] = "UPSERT"
            content = Array(try JSONSerialization.data(withJSONObject: json))
        }
        let requested = try writer.createRequested(action: .commit, time: time, content: [])
        _ = try writer.complete(try writer.transitionToInflight(requested, content: []), content: content)
        return time
    }

    static func replacing(_ record: AvroValue, _ values: [String: AvroValue]) -> AvroValue {
        guard case .record(let fields) = record else { return record }
        return .record(fields.map { field in (field.name, values[field.name] ?? field.value) })
    }
}

extension MaintenanceFixtures {
    /// Completes a replacecommit that writes nothing and replaces the first live file group (a delete-partition
    /// style overwrite), so the snapshot loses that group's rows. Layout 2 clones the latest commit's Avro
    /// record and adds `partitionToReplaceFileIds` to its writer schema. Returns the instant and the group.
    static func replaceCommit(_ store: any ObjectStore) throws -> (time: String, replaced: HoodieFileGroup.ID) {
        let table = try HudiTable.open(store: store, path: "")
        let writer = try HoodieTimelineWriter(store: store, basePath: "", config: table.config)
        let latest = try #require(table.timeline.latestCompletedCommit)
        let victim = try #require(try table.latestFileSlices().first)
        let id = HoodieFileGroup.ID(partitionPath: victim.partitionPath, fileId: victim.fileId)
        let time = writer.newInstantTime(after: try table.currentTimeline())
        let original = try store.get(table.timeline.key(of: latest))
        let content: [UInt8]
        if original.starts(with: AvroObjectContainerFile.magic) {
            let file = try AvroObjectContainerFile(bytes: original, name: latest.fileName)
            var schema = try JSONSerialization.jsonObject(with: Data(file.metadata["avro.schema"]!)) as! [String: Any]
            var fields = schema["fields"] as! [[String: Any]]
            if !fields.contains(where: { $0["name"] as? String == "partitionToReplaceFileIds" }) {
                fields.append(["name": "partitionToReplaceFileIds", "type": ["null", ["type": "map", "values": ["type": "array", "items": "string"]]],
                               "default": NSNull()])
            }
            schema["fields"] = fields
            schema["name"] = "HoodieReplaceCommitMetadata"
            guard case .record(var values) = file.values[0] else { throw CorpusError("\(latest): not a record") }
            values = values.filter { $0.name != "partitionToReplaceFileIds" }.map {
                $0.name == "partitionToWriteStats" ? ($0.name, .map([])) : $0.name == "operationType" ? ($0.name, .string("INSERT_OVERWRITE")) : $0
            }
            values.append(("partitionToReplaceFileIds", .map([(id.partitionPath, .array([.string(id.fileId)]))])))
            let schemaJSON = String(decoding: try JSONSerialization.data(withJSONObject: schema), as: UTF8.self)
            content = try AvroObjectContainerFile.encode([.record(values)], schemaJSON: schemaJSON)
        } else {
            var json = try JSONSerialization.jsonObject(with: Data(original)) as! [String: Any]
            json["partitionToWriteStats"] = [String: Any]()
            json["partitionToReplaceFileIds"] = [id.partitionPath: [id.fileId]]
            json["operationType"] = "INSERT_OVERWRITE"
            content = Array(try JSONSerialization.data(withJSONObject: json))
        }
        let requested = try writer.createRequested(action: .replaceCommit, time: time, content: [])
        _ = try writer.complete(try writer.transitionToInflight(requested, content: []), content: content)
        return (time, id)
    }
}
