import Storage

/// The file groups of a table, found by listing storage: every file under the base path named like a base
/// file of the table's format, outside hidden folders (`.hoodie`) and hidden files (MOR log files, partition
/// metadata).
public struct HoodieTableFileSystemView: Sendable {
    public var fileGroups: [HoodieFileGroup.ID: HoodieFileGroup]
    /// Partition paths holding at least one base file, sorted.
    public var partitionPaths: [String]
    /// Number of MOR log files seen (they are not read).
    public var logFileCount: Int

    public init(baseFiles: [HoodieBaseFile], logFileCount: Int = 0) {
        var groups: [HoodieFileGroup.ID: HoodieFileGroup] = [:]
        for file in baseFiles {
            let id = HoodieFileGroup.ID(partitionPath: file.partitionPath, fileId: file.fileId)
            let slice = FileSlice(partitionPath: file.partitionPath, fileId: file.fileId, baseInstantTime: file.instantTime,
                                  baseFile: file)
            groups[id, default: HoodieFileGroup(id: id, slices: [])].slices.append(slice)
        }
        for id in groups.keys { groups[id]!.slices.sort { ($0.baseInstantTime, $0.baseFile.fileName) < ($1.baseInstantTime, $1.baseFile.fileName) } }
        fileGroups = groups
        partitionPaths = Set(baseFiles.map(\.partitionPath)).sorted()
        self.logFileCount = logFileCount
    }

    /// Walks `basePath` folder by folder (delimiter listings), never entering hidden folders such as
    /// `.hoodie` (whose metadata table can hold thousands of objects), and keeps files ending in
    /// `.<fileExtension>`.
    public static func load(store: any ObjectStore, basePath: String, fileExtension: String) throws -> HoodieTableFileSystemView {
        var files: [HoodieBaseFile] = []
        var logFiles = 0
        var pending = [""]
        while let partition = pending.popLast() {
            let prefix = [basePath, partition].filter { !$0.isEmpty }.joined(separator: "/")
            let page: ListPage
            do {
                page = try store.listAll(prefix: prefix.isEmpty ? "" : prefix + "/", delimiter: "/")
            } catch {
                throw TableFormatError(.io, "listing \(store.uri)/\(prefix): \(error)")
            }
            for folder in page.commonPrefixes {
                let name = folder.split(separator: "/").last.map(String.init) ?? ""
                if name.isEmpty || name.hasPrefix(".") { continue }
                pending.append(partition.isEmpty ? name : partition + "/" + name)
            }
            for object in page.objects {
                let name = String(object.key.split(separator: "/").last ?? "")
                if name.hasPrefix(".") {
                    if name.contains(".log.") { logFiles += 1 }
                    continue
                }
                guard name.hasSuffix("." + fileExtension) else { continue }
                files.append(try HoodieBaseFile(fileName: name, partitionPath: partition, key: object.key, size: object.size))
            }
        }
        return HoodieTableFileSystemView(baseFiles: files, logFileCount: logFiles)
    }
}
