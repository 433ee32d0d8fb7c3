import ArgumentParser
import Sluice

/// `sluice`: the one executable, and the only target that prints. Without a subcommand it opens the shell.
@main
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Sluice: Hudi-compatible lakehouse tables, Parquet tools and SQL, without a JVM.",
        version: SluiceVersion.string,
        subcommands: [ShellCommand.self, ParquetCommand.self, TableCommand.self, SQLCommand.self, IngestCommand.self, SQLLogicTestCommand.self,
                      DoctorCommand.self],
        defaultSubcommand: ShellCommand.self)
}
