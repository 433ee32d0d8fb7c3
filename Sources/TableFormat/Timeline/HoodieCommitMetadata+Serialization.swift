import Foundation

extension HoodieCommitMetadata {
    public init(partitionToWriteStats: [String: [HoodieWriteStat]], partitionToReplaceFileIds: [String: [String]] = [:],
                extraMetadata: [String: String], operationType: String) {
        self.partitionToWriteStats = partitionToWriteStats
        self.partitionToReplaceFileIds = partitionToReplaceFileIds
        self.extraMetadata = extraMetadata
        self.operationType = operationType
        compacted = false
    }

    /// The completed instant's file: Jackson-style JSON in timeline layout 1, an Avro object container file of
    /// HoodieCommitMetadata (or HoodieReplaceCommitMetadata for a replacecommit) in layout 2.
    public func serialized(layoutVersion: Int, replace: Bool) throws -> [UInt8] {
        let value = avroValue(layoutVersion: layoutVersion, replace: replace)
        if layoutVersion >= 2 {
            return try AvroObjectContainerFile.encode([value], schemaJSON: HoodieTimelineSchemas.commitMetadata(replace: replace))
        }
        var out = ""
        JacksonJSON.write(value, indent: 0, into: &out)
        return Array(out.utf8)
    }

    /// The metadata as an ordered record: Hudi's JSON field order, plus the Avro-only fields in layout 2.
    func avroValue(layoutVersion: Int, replace: Bool) -> AvroValue {
        let partitions = partitionToWriteStats.keys.sorted()
        var fields: [(name: String, value: AvroValue)] = [
            ("partitionToWriteStats", .map(partitions.map { ($0, .array(partitionToWriteStats[$0]!.map { $0.avroValue(layoutVersion: layoutVersion) })) })),
            ("compacted", .boolean(compacted)),
            ("extraMetadata", .map(extraMetadata.keys.sorted().map { ($0, .string(extraMetadata[$0]!)) })),
        ]
        if layoutVersion >= 2 { fields.append(("version", .null)) }
        fields.append(("operationType", operationType.map(AvroValue.string) ?? .null))
        if replace {
            fields.append(("partitionToReplaceFileIds", .map(partitionToReplaceFileIds.keys.sorted().map { key in
                (key, .array(partitionToReplaceFileIds[key]!.map(AvroValue.string)))
            })))
        }
        return .record(fields)
    }

    /// A replacecommit's `.requested` file: HoodieRequestedReplaceMetadata, Avro in both layouts.
    public static func requestedReplaceMetadata(operationType: String) throws -> [UInt8] {
        try AvroObjectContainerFile.encode([.record([("operationType", .string(operationType)), ("extraMetadata", .map([])),
                                                     ("version", .int(1))])],
                                           schemaJSON: HoodieTimelineSchemas.requestedReplaceMetadata)
    }
}

extension HoodieWriteStat {
    public init(fileId: String, path: String, prevCommit: String?, partitionPath: String, numWrites: Int64, numDeletes: Int64,
                numInserts: Int64, numUpdateWrites: Int64, fileSizeInBytes: Int64, prevBaseFile: String?) {
        self.init(fileId: fileId, path: path, prevCommit: prevCommit, partitionPath: partitionPath, numWrites: numWrites,
                  numDeletes: numDeletes, numInserts: numInserts, numUpdateWrites: numUpdateWrites, totalWriteBytes: fileSizeInBytes,
                  fileSizeInBytes: fileSizeInBytes, baseFile: nil, prevBaseFile: prevBaseFile)
    }

    func avroValue(layoutVersion: Int) -> AvroValue {
        let zero = AvroValue.long(0)
        var fields: [(name: String, value: AvroValue)] = [
            ("fileId", .string(fileId)), ("path", path.map(AvroValue.string) ?? .null), ("cdcStats", .null),
            // Hudi writes the string "null" for a new file group.
            ("prevCommit", .string(prevCommit ?? "null")), ("numWrites", .long(numWrites)), ("numDeletes", .long(numDeletes)),
            ("numUpdateWrites", .long(numUpdateWrites)), ("numInserts", .long(numInserts)), ("totalWriteBytes", .long(totalWriteBytes)),
            ("totalWriteErrors", zero), ("tempPath", .null), ("partitionPath", .string(partitionPath)), ("totalLogRecords", zero),
            ("totalLogFilesCompacted", zero), ("totalLogSizeCompacted", zero), ("totalUpdatedRecordsCompacted", zero),
            ("totalLogBlocks", zero), ("totalCorruptLogBlock", zero), ("totalRollbackBlocks", zero),
            ("fileSizeInBytes", .long(fileSizeInBytes)), ("minEventTime", .null), ("maxEventTime", .null),
            ("runtimeStats", .record([("totalScanTime", zero), ("totalUpsertTime", zero), ("totalCreateTime", zero)])),
        ]
        if layoutVersion >= 2 {
            fields += [("prevBaseFile", prevBaseFile.map(AvroValue.string) ?? .null), ("totalLogFiles", zero), ("baseFile", .null),
                       ("logFiles", .null), ("logVersion", .null), ("logOffset", .null), ("totalLogReadTimeMs", zero), ("numUpdates", zero)]
        }
        return .record(fields)
    }
}

/// JSON as Jackson's default pretty printer writes Hudi's commit metadata: `"key" : value`, two-space indents.
enum JacksonJSON {
    static func write(_ value: AvroValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch value {
        case .null: out += "null"
        case .boolean(let v): out += v ? "true" : "false"
        case .int(let v): out += String(v)
        case .long(let v): out += String(v)
        case .float(let v): out += "\(v)"
        case .double(let v): out += "\(v)"
        case .string(let v), .enumeration(let v): out += AvroJSON.quoted(v)
        case .bytes(let v), .fixed(let v): out += AvroJSON.quoted(Data(v).base64EncodedString())
        case .array(let items):
            guard !items.isEmpty else { out += "[ ]"; return }
            out += "[ "
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, indent: indent, into: &out)
            }
            out += " ]"
        case .map(let entries):
            object(entries.map { ($0.key, $0.value) }, indent: indent, pad: pad, into: &out)
        case .record(let fields):
            object(fields.map { ($0.name, $0.value) }, indent: indent, pad: pad, into: &out)
        }
    }

    private static func object(_ entries: [(String, AvroValue)], indent: Int, pad: String, into out: inout String) {
        guard !entries.isEmpty else { out += "{ }"; return }
        out += "{\n"
        for (i, (key, item)) in entries.enumerated() {
            out += pad + AvroJSON.quoted(key) + " : "
            write(item, indent: indent + 1, into: &out)
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: "  ", count: indent) + "}"
    }
}
