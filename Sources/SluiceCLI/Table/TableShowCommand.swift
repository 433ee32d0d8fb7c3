import ArgumentParser
import Sluice

/// `sluice table show URI`: config, schema, partitions, file groups and sizes.
struct TableShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a table's config, schema, partitions and file groups.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String

    func run() throws {
        try TableCLI.run(uri) {
            let table = try TableCLI.open(uri)
            let config = table.config
            var lines: [String] = []
            lines.append("name: \(config.name)")
            lines.append("type: \(try config.tableType.rawValue)")
            lines.append("version: \(try config.tableVersion) (timeline layout \(try config.timelineLayoutVersion), \(config.timelineDirectory))")
            lines.append("record key: \(config.recordKeyFields.joined(separator: ","))")
            lines.append("precombine: \(config.precombineField ?? "-")")
            lines.append("partition fields: \(config.partitionFields.isEmpty ? "-" : config.partitionFields.joined(separator: ",")) (hive style: \(config.isHiveStylePartitioning))")
            lines.append("key generator: \(config.keyGenerator ?? "-")")
            lines.append("base file format: \(config.baseFileFormat)")
            lines.append("meta fields: \(config.populatesMetaFields)")
            lines.append("timeline timezone: \(config.timelineTimezone ?? "- (Java: LOCAL, hudi-rs: UTC)")")
            lines.append("latest commit: \(table.timeline.latestCompletedCommit?.description ?? "-")")
            lines.append("schema:")
            for field in table.schema.fields { lines.append("  \(field.name): \(field.type.sqlName)\(field.nullable ? "" : " NOT NULL")") }
            let view = try table.fileSystemView()
            let slices = try table.latestFileSlices(view: view)
            lines.append("partitions: \(view.partitionPaths.count)")
            lines.append("file groups: \(slices.count) live of \(view.fileGroups.count)")
            for slice in slices {
                let partition = slice.partitionPath.isEmpty ? "" : slice.partitionPath + "/"
                lines.append("  \(partition)\(slice.fileId)  \(slice.baseInstantTime)  \(slice.baseFile.size.map(String.init) ?? "?") bytes")
            }
            if view.logFileCount > 0 { lines.append("log files: \(view.logFileCount) (not merged: reads use the read-optimized view)") }
            TableCLI.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
