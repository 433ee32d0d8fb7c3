import ArgumentParser
import Sluice

/// `sluice`: the one executable, and the only target that prints.
@main
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Sluice: Hudi-compatible lakehouse tables, Parquet tools and SQL, without a JVM.",
        version: SluiceVersion.string,
        subcommands: [ParquetCommand.self, TableCommand.self, SQLCommand.self, IngestCommand.self, SQLLogicTestCommand.self,
                      DoctorCommand.self])
}
