import Storage

/// What every table service shares: the timeline writer, a fresh listing of the timeline, full paths as Java
/// records them in plans and metadata, and deletion that reports instead of aborting half way.
extension HudiTable {
    func timelineWriter() throws -> HoodieTimelineWriter {
        try HoodieTimelineWriter(store: store, basePath: basePath, config: config)
    }

    /// The timeline as it is in the store now (this `HudiTable` keeps the one it was opened with).
    func currentTimeline() throws -> HoodieActiveTimeline {
        try HoodieActiveTimeline.load(store: store, directory: timeline.directory, layoutVersion: timeline.layoutVersion)
    }

    /// The full path of an object, as Java writes paths into rollback and cleaner plans.
    func fullPath(_ key: String) -> String {
        store.uri.hasSuffix("/") ? store.uri + key : store.uri + "/" + key
    }

    /// The key of a file a plan names by full path: the file name under its partition folder in this table, so
    /// plans written elsewhere (another mount point, `file:` or `s3a:` prefixes) still resolve.
    func key(planPath path: String, partitionPath: String) -> String {
        let name = String(path.split(separator: "/").last ?? "")
        return HudiTable.key(basePath, partitionPath.isEmpty ? name : partitionPath + "/" + name)
    }

    /// Deletes `keys`, returning the file names deleted and those that failed (a missing object counts as
    /// deleted, so a retried plan finishes).
    func deleteFiles(_ keys: [String]) -> (deleted: [String], failed: [String]) {
        var deleted: [String] = []
        var failed: [String] = []
        for key in keys {
            let name = String(key.split(separator: "/").last ?? "")
            do {
                try store.delete(key)
                deleted.append(name)
            } catch {
                failed.append(name)
            }
        }
        return (deleted, failed)
    }

    /// Base files named with `instantTime`, per partition: in `partitions` only (one folder listing each), or in
    /// the whole table when nil. Names that are not base files are skipped: a failed write may leave anything.
    func baseFiles(writtenAt instantTime: String, partitions: Set<String>?) throws -> [String: [HoodieBaseFile]] {
        let fileExtension = "." + config.baseFileFormat.lowercased()
        var files: [HoodieBaseFile] = []
        if let partitions {
            for partition in partitions.sorted() {
                let folder = HudiTable.key(basePath, partition)
                let page: ListPage
                do {
                    page = try store.listAll(prefix: folder.isEmpty ? "" : folder + "/", delimiter: "/")
                } catch {
                    throw TableFormatError(.io, "listing \(store.uri)/\(folder): \(error)")
                }
                for object in page.objects {
                    let name = String(object.key.split(separator: "/").last ?? "")
                    guard name.hasSuffix(fileExtension), !name.hasPrefix("."),
                          let file = try? HoodieBaseFile(fileName: name, partitionPath: partition, key: object.key, size: object.size)
                    else { continue }
                    files.append(file)
                }
            }
        } else {
            files = try fileSystemView().fileGroups.values.flatMap { $0.slices.map(\.baseFile) }
        }
        return Dictionary(grouping: files.filter { $0.instantTime == instantTime }, by: \.partitionPath)
    }

    /// The partitions a pending write names: in its inflight or requested metadata (workload profile) and in its
    /// markers (`.hoodie/.temp/<t>/<partition>/<file>.marker.<type>`). Nil when neither names any.
    func partitionsNamed(by instant: HoodieInstant) throws -> Set<String>? {
        var partitions: Set<String> = []
        for state in [HoodieInstant.State.inflight, .requested] {
            let name = HoodieInstant(requestedTime: instant.requestedTime, action: instant.action, state: state,
                                     layoutVersion: timeline.layoutVersion).fileName
            guard let bytes = try? store.get(HudiTable.key(timeline.directory, name)), !bytes.isEmpty,
                  let metadata = try? HoodieCommitMetadata(bytes: bytes, instant: name) else { continue }
            partitions.formUnion(metadata.partitionToWriteStats.keys)
            partitions.formUnion(metadata.partitionToReplaceFileIds.keys)
        }
        let markers = HudiTable.key(basePath, ".hoodie/.temp/" + instant.requestedTime) + "/"
        for object in (try? store.listAll(prefix: markers).objects) ?? [] where object.key.contains(".marker.") {
            let relative = object.key.dropFirst(markers.count).split(separator: "/")
            partitions.insert(relative.dropLast().joined(separator: "/"))
        }
        return partitions.isEmpty ? nil : partitions
    }

    /// Removes the marker folder of an instant (Java deletes `.hoodie/.temp/<t>` once the instant is settled).
    func deleteMarkers(_ instantTime: String) {
        let prefix = HudiTable.key(basePath, ".hoodie/.temp/" + instantTime) + "/"
        for object in (try? store.listAll(prefix: prefix).objects) ?? [] { try? store.delete(object.key) }
    }
}
