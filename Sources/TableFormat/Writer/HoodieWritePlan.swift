import Foundation

/// One file group a commit writes: a new one, or a rewrite of its latest slice (copy-on-write merge) with
/// updates, deletes and inserts applied.
struct FileGroupWrite: Sendable {
    let partitionPath: String
    let fileId: String
    /// The slice rewritten; nil for a new file group.
    let base: FileSlice?
    /// Incoming rows written to this file group: updates first, then inserts.
    var incoming: [RecordRef] = []
    /// Record keys of the incoming rows that update a record of `base`.
    var updateKeys: Set<String> = []
    /// Record keys to drop from `base`.
    var deleteKeys: Set<String> = []
}

/// Routes the incoming rows of one write to file groups (Hudi's UpsertPartitioner): updates and deletes to the
/// file group the index finds their key in, inserts first into small file groups of their partition (latest
/// base file under the target size) up to the target, then into new file groups of about the target size.
struct HoodieWritePlan {
    private(set) var writes: [FileGroupWrite] = []
    /// replacecommit: partition → file ids of the file groups this write replaces.
    private(set) var replacedFileIds: [String: [String]] = [:]

    init(records: HoodieIncomingRecords, operation: WriteOperationType, slices: [String: [FileSlice]],
         index: any HoodieIndex, targetFileSize: Int64, bytesPerRecord: Int64) throws {
        let recordsPerFile = max(1, Int(targetFileSize / max(1, bytesPerRecord)))
        for partition in records.byPartition.keys.sorted() {
            let refs = records.byPartition[partition]!
            let existing = slices[partition] ?? []
            var groups: [String: FileGroupWrite] = [:]
            var inserts: [RecordRef] = []
            if operation == .upsert || operation == .delete {
                let located = try index.locate(keys: refs.map(records.key), partitionPath: partition, slices: existing)
                let byId = Dictionary(existing.map { ($0.fileId, $0) }, uniquingKeysWith: { a, _ in a })
                for ref in refs {
                    let key = records.key(ref)
                    guard let fileId = located[key], let slice = byId[fileId] else {
                        if operation == .upsert { inserts.append(ref) }
                        continue
                    }
                    var group = groups[fileId] ?? FileGroupWrite(partitionPath: partition, fileId: fileId, base: slice)
                    if operation == .delete {
                        group.deleteKeys.insert(key)
                    } else {
                        group.incoming.append(ref)
                        group.updateKeys.insert(key)
                    }
                    groups[fileId] = group
                }
            } else {
                inserts = refs
            }
            let packsSmallFiles = operation == .insert || operation == .upsert
            let smallFiles = packsSmallFiles ? existing.filter { Int64($0.baseFile.size ?? Int.max) < targetFileSize }
                .sorted { ($0.baseFile.size ?? 0, $0.fileId) < ($1.baseFile.size ?? 0, $1.fileId) } : []
            var next = 0
            for slice in smallFiles where next < inserts.count {
                let room = Int((targetFileSize - Int64(slice.baseFile.size ?? 0)) / max(1, bytesPerRecord))
                guard room > 0 else { continue }
                let take = min(room, inserts.count - next)
                var group = groups[slice.fileId] ?? FileGroupWrite(partitionPath: partition, fileId: slice.fileId, base: slice)
                group.incoming += inserts[next..<(next + take)]
                groups[slice.fileId] = group
                next += take
            }
            let remaining = inserts.count - next
            if remaining > 0 {
                let files = (remaining + recordsPerFile - 1) / recordsPerFile
                let perFile = (remaining + files - 1) / files
                while next < inserts.count {
                    let take = min(perFile, inserts.count - next)
                    let fileId = UUID().uuidString.lowercased() + "-0"
                    var group = FileGroupWrite(partitionPath: partition, fileId: fileId, base: nil)
                    group.incoming = Array(inserts[next..<(next + take)])
                    groups[fileId] = group
                    next += take
                }
            }
            writes += groups.values.sorted { ($0.base == nil ? 1 : 0, $0.fileId) < ($1.base == nil ? 1 : 0, $1.fileId) }
        }
        replacedFileIds = HoodieWritePlan.replaced(operation: operation, written: Set(records.byPartition.keys), slices: slices)
    }

    /// insert_overwrite replaces the live file groups of the partitions it writes; insert_overwrite_table all.
    static func replaced(operation: WriteOperationType, written: Set<String>, slices: [String: [FileSlice]]) -> [String: [String]] {
        var replaced: [String: [String]] = [:]
        for (partition, partitionSlices) in slices where !partitionSlices.isEmpty {
            switch operation {
            case .insertOverwriteTable: break
            case .insertOverwrite where written.contains(partition): break
            default: continue
            }
            replaced[partition] = partitionSlices.map(\.fileId).sorted()
        }
        return replaced
    }
}
