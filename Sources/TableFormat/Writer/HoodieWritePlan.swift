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
         staticPartitions: Set<String> = [], index: any HoodieIndex, targetFileSize: Int64, bytesPerRecord: Int64) throws {
        let sizing = Sizing(targetFileSize: targetFileSize, bytesPerRecord: max(1, bytesPerRecord))
        for partition in records.byPartition.keys.sorted() {
            let existing = slices[partition] ?? []
            var (groups, inserts) = try HoodieWritePlan.route(records, partition: partition, operation: operation,
                                                              existing: existing, index: index)
            // Hudi packs small files for insert and upsert; bulk insert and overwrites always open new file groups.
            let packs = operation == .insert || operation == .upsert
            HoodieWritePlan.assign(inserts: &inserts, partition: partition, smallFiles: packs ? existing : [], sizing: sizing,
                                   into: &groups)
            writes += groups.values.sorted { ($0.base == nil ? 1 : 0, $0.fileId) < ($1.base == nil ? 1 : 0, $1.fileId) }
        }
        let written = staticPartitions.union(records.byPartition.keys)
        replacedFileIds = HoodieWritePlan.replaced(operation: operation, written: written, slices: slices)
    }

    struct Sizing {
        let targetFileSize: Int64
        let bytesPerRecord: Int64
        var recordsPerFile: Int { max(1, Int(targetFileSize / bytesPerRecord)) }
    }

    /// Updates and deletes to the file groups the index finds their keys in; the rest are inserts (upsert),
    /// dropped (delete, an upsert's marked deletes), or all rows are inserts (the insert operations, which look
    /// nothing up). An upsert's marked deletes travel as updates, so the precombine order decides them too.
    static func route(_ records: HoodieIncomingRecords, partition: String, operation: WriteOperationType,
                      existing: [FileSlice], index: any HoodieIndex) throws -> (groups: [String: FileGroupWrite], inserts: [RecordRef]) {
        let refs = records.byPartition[partition] ?? []
        guard operation == .upsert || operation == .delete else { return ([:], refs) }
        var groups: [String: FileGroupWrite] = [:]
        var inserts: [RecordRef] = []
        let located = try index.locate(keys: refs.map(records.key), partitionPath: partition, slices: existing)
        let byId = Dictionary(existing.map { ($0.fileId, $0) }, uniquingKeysWith: { a, _ in a })
        for ref in refs {
            let key = records.key(ref)
            guard let fileId = located[key], let slice = byId[fileId] else {
                // A marked delete of a key the table lacks has nothing to do.
                if operation == .upsert && !records.deletes.contains(ref) { inserts.append(ref) }
                continue
            }
            // In place: a copied-out group would copy its key sets on every insert.
            let fresh = FileGroupWrite(partitionPath: partition, fileId: fileId, base: slice)
            if operation == .delete {
                groups[fileId, default: fresh].deleteKeys.insert(key)
            } else {
                groups[fileId, default: fresh].incoming.append(ref)
                groups[fileId, default: fresh].updateKeys.insert(key)
            }
        }
        return (groups, inserts)
    }

    /// Inserts go first to the smallest file groups under the target, each up to the target, then to new file
    /// groups holding an even share of about `recordsPerFile` records each.
    static func assign(inserts: inout [RecordRef], partition: String, smallFiles: [FileSlice], sizing: Sizing,
                       into groups: inout [String: FileGroupWrite]) {
        var next = 0
        let small = smallFiles.filter { Int64($0.baseFile.size ?? Int.max) < sizing.targetFileSize }
            .sorted { ($0.baseFile.size ?? 0, $0.fileId) < ($1.baseFile.size ?? 0, $1.fileId) }
        for slice in small where next < inserts.count {
            let room = Int((sizing.targetFileSize - Int64(slice.baseFile.size ?? 0)) / sizing.bytesPerRecord)
            guard room > 0 else { continue }
            let take = min(room, inserts.count - next)
            groups[slice.fileId, default: FileGroupWrite(partitionPath: partition, fileId: slice.fileId, base: slice)]
                .incoming += inserts[next..<(next + take)]
            next += take
        }
        let remaining = inserts.count - next
        guard remaining > 0 else { return }
        let files = (remaining + sizing.recordsPerFile - 1) / sizing.recordsPerFile
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
