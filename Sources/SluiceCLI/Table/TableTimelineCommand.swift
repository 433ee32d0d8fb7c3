import ArgumentParser
import Sluice

/// `sluice table timeline URI`: instants, with action, state, operation and counts.
struct TableTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "List a table's instants.")

    @Argument(help: "The table: a local path or an s3:// URI.") var uri: String

    func run() throws {
        try TableCLI.run(uri) {
            let result = try TimelineRows.result(try TableCLI.open(uri))
            TableCLI.write(SQLResultRenderer.render(result, as: .table))
        }
    }
}
