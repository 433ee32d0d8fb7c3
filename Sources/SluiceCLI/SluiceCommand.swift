import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
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

    static func main() {
        keepFreedMemory()
        main(nil)
    }

    /// glibc hands big blocks (128 KiB up, or what it last freed) to mmap and trims the heap top past 128 KiB,
    /// so every batch and column chunk buffer came back as fresh pages the kernel had to zero: a fifth of an
    /// upsert's CPU. Blocks up to 64 MiB now come from the heap and up to 512 MiB of freed heap is kept.
    /// `mallopt` is looked up at run time: Swift's Glibc module does not export malloc.h.
    private static func keepFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 64 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        #endif
    }
}
