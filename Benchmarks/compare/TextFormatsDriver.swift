// Reads one CSV or JSON file with TextFormats and prints rows, batches, CPU seconds (user + system) and the
// column types, for text_formats_compare.py. Built by text_formats.sh with swiftc -O, not by SwiftPM.
import Columnar
import TextFormats
#if canImport(Glibc)
import Glibc
#endif

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

@main
struct TextFormatsDriver {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, arguments[1] == "csv" || arguments[1] == "json" else {
            print("usage: TextFormatsDriver csv|json FILE")
            exit(2)
        }
        let start = cpuSeconds()
        let reader: TextBatchReader = arguments[1] == "csv"
            ? try CSVReader(path: arguments[2]) : try JSONReader(path: arguments[2])
        var rows = 0
        var batches = 0
        var nulls = 0
        while let batch = try reader.next() {
            rows += batch.count
            batches += 1
            for column in batch.columns { nulls += column.nullCount }
        }
        let cpu = cpuSeconds() - start
        let types = reader.schema.fields.map { "\($0.name):\($0.type)" }.joined(separator: " ")
        print("rows=\(rows) batches=\(batches) nulls=\(nulls) cpu=\(cpu)")
        print("schema \(types)")
    }
}
