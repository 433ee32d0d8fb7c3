import Columnar
import SQLPlanner
import TextFormats

/// `read_csv` / `read_json` (and their `_auto` spellings) with DuckDB's named parameters, quoted CSV and JSON
/// paths, and `hudi_table_changes`; the other functions keep their positional form.
extension FileTableFunctions {
    public func table(function name: String, arguments: TableFunctionArguments) throws -> (any TableProvider)? {
        switch name {
        case "read_csv", "read_csv_auto", "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto":
            let locations = try Self.paths(name, arguments.positional)
            let options = TextReadOptions(function: name, arguments: arguments)
            if name.hasPrefix("read_csv") {
                let (csv, overrides) = try options.csv()
                return try TextTableProvider(patterns: locations, format: .csv(csv), overrides: overrides)
            }
            var json = try options.json()
            if name.hasPrefix("read_ndjson") { json.format = .lines }
            return try TextTableProvider(patterns: locations, format: .json(json))
        case "hudi_table_changes":
            return try PlannerError.reporting { try HudiTableChanges.provider(arguments, catalog: warehouse) }
        default:
            if let first = arguments.named.first {
                throw PlannerError(.binder, "Invalid named parameter \"\(first.name)\" for function \(name)")
            }
            return try table(function: name, arguments: arguments.positional)
        }
    }

    /// One path or glob string, or a list of them.
    private static func paths(_ name: String, _ positional: [Value]) throws -> [String] {
        let usage = PlannerError(.binder, "\(name) takes a path string or a list of them, then named parameters")
        guard positional.count == 1 else { throw usage }
        switch positional[0] {
        case .string(let path): return [path]
        case .list(let items) where !items.isEmpty:
            return try items.map { if case .string(let path) = $0 { path } else { throw usage } }
        default: throw usage
        }
    }

    /// Quoted `.csv`, `.tsv`, `.json`, `.jsonl` and `.ndjson` paths, also gzip or zstd compressed.
    func textTable(path: String) throws -> (any TableProvider)? {
        switch CopyFormat(path: path) {
        case .csv: return try TextTableProvider(pattern: path, format: .csv(CSVOptions()))
        case .json: return try TextTableProvider(pattern: path, format: .json(JSONOptions()))
        case .parquet, nil: return nil
        }
    }
}
