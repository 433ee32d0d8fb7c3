/// The Avro writer schemas of the timeline files Sluice writes, as Hudi's `.avsc` files define them
/// (org.apache.hudi.avro.model): HoodieCommitMetadata, HoodieReplaceCommitMetadata and
/// HoodieRequestedReplaceMetadata (without the clustering plan, which only clustering fills).
enum HoodieTimelineSchemas {
    static let string = #"["null",{"type":"string","avro.java.string":"String"}]"#
    static let long = #"["null","long"]"#
    static let version = #"{"name":"version","type":["int","null"],"default":1}"#
    static let stringMap = #"["null",{"type":"map","values":{"type":"string","avro.java.string":"String"},"avro.java.string":"String"}]"#

    static func field(_ name: String, _ type: String) -> String { #"{"name":"\#(name)","type":\#(type),"default":null}"# }

    /// HoodieWriteStat's fields in the .avsc's order.
    static var writeStat: String {
        let fields: [(String, String)] = [
            ("fileId", string), ("path", string), ("prevCommit", string), ("numWrites", long), ("numDeletes", long),
            ("numUpdateWrites", long), ("totalWriteBytes", long), ("totalWriteErrors", long), ("partitionPath", string),
            ("totalLogRecords", long), ("totalLogFiles", long), ("totalUpdatedRecordsCompacted", long), ("numInserts", long),
            ("totalLogBlocks", long), ("totalCorruptLogBlock", long), ("totalRollbackBlocks", long), ("fileSizeInBytes", long),
            ("logVersion", #"["null","int"]"#), ("logOffset", long), ("baseFile", string),
            ("logFiles", #"["null",{"type":"array","items":{"type":"string","avro.java.string":"String"}}]"#),
            ("cdcStats", #"["null",{"type":"map","values":"long","avro.java.string":"String"}]"#),
            ("prevBaseFile", string), ("minEventTime", long), ("maxEventTime", long),
            ("runtimeStats", #"["null",{"type":"record","name":"HoodieRuntimeStats","fields":[\#(field("totalScanTime", long)),\#(field("totalCreateTime", long)),\#(field("totalUpsertTime", long))]}]"#),
            ("totalLogFilesCompacted", long), ("totalLogReadTimeMs", long), ("totalLogSizeCompacted", long), ("tempPath", string),
            ("numUpdates", long),
        ]
        return #"{"type":"record","name":"HoodieWriteStat","fields":[\#(fields.map { field($0.0, $0.1) }.joined(separator: ","))]}"#
    }

    static func commitMetadata(replace: Bool) -> String {
        var fields = [
            field("partitionToWriteStats", #"["null",{"type":"map","values":{"type":"array","items":\#(writeStat)},"avro.java.string":"String"}]"#),
            field("compacted", #"["null","boolean"]"#), field("extraMetadata", stringMap), version, field("operationType", string),
        ]
        if replace {
            fields.append(field("partitionToReplaceFileIds", #"["null",{"type":"map","values":{"type":"array","items":{"type":"string","avro.java.string":"String"}},"avro.java.string":"String"}]"#))
        }
        let name = replace ? "HoodieReplaceCommitMetadata" : "HoodieCommitMetadata"
        return #"{"type":"record","name":"\#(name)","namespace":"org.apache.hudi.avro.model","fields":[\#(fields.joined(separator: ","))]}"#
    }

    static var requestedReplaceMetadata: String {
        #"{"type":"record","name":"HoodieRequestedReplaceMetadata","namespace":"org.apache.hudi.avro.model","fields":[\#(field("operationType", string)),\#(field("extraMetadata", stringMap)),\#(version)]}"#
    }
}
