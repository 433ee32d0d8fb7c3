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

    /// Lists `basePath` recursively and keeps files ending in `.<fileExtension>`.
    public static func load(store: any ObjectStore, basePath: String, fileExtension: String) throws -> HoodieTableFileSystemView {
        let prefix = basePath.isEmpty ? "" : basePath + "/"
        let listing: ListPage
        do {
            listing = try store.listAll(prefix: prefix)
        } catch {
            throw TableFormatError(.io, "listing the table \(store.uri)/\(basePath): \(error)")
        }
        var files: [HoodieBaseFile] = []
        var logFiles = 0
        for object in listing.objects {
            let relative = object.key.dropFirst(prefix.count)
            var segments = relative.split(separator: "/", omittingEmptySubsequences: false)
            guard let name = segments.popLast(), !segments.contains(where: { $0.hasPrefix(".") }) else { continue }
            if name.hasPrefix(".") {
                if name.contains(".log.") { logFiles += 1 }
                continue
            }
            guard name.hasSuffix("." + fileExtension) else { continue }
            files.append(try HoodieBaseFile(fileName: String(name), partitionPath: segments.joined(separator: "/"),
                                            key: object.key, size: object.size))
        }
        return HoodieTableFileSystemView(baseFiles: files, logFileCount: logFiles)
    }
}
