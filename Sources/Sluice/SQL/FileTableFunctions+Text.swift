import Columnar
import SQLPlanner
import TextFormats

/// `read_csv` / `read_json` (and their `_auto` spellings) with DuckDB's named parameters, quoted CSV and JSON
/// paths, and `hudi_table_changes`; the other functions keep their positional form.
extension FileTableFunctions {
    public func table(function name: String, arguments: TableFunctionArguments) throws -> (any TableProvider)? {
        switch name {
        case "read_csv", "read_csv_auto", "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto":
            guard case .string(let location)? = arguments.positional.first, arguments.positional.count == 1 else {
                throw PlannerError(.binder, "\(name) takes one path string and named parameters")
            }
            let options = TextReadOptions(function: name, arguments: arguments)
            if name.hasPrefix("read_csv") {
                let (csv, names) = try options.csv()
                return try TextTableProvider(pattern: location, format: .csv(csv), names: names)
            }
            var json = try options.json()
            if name.hasPrefix("read_ndjson") { json.format = .lines }
            return try TextTableProvider(pattern: location, format: .json(json))
        case "hudi_table_changes":
            return try HudiTableChanges.provider(arguments, catalog: warehouse)
        default:
            if let first = arguments.named.first {
                throw PlannerError(.binder, "Invalid named parameter \"\(first.name)\" for function \(name)")
            }
            return try table(function: name, arguments: arguments.positional)
        }
    }

    /// Quoted `.csv`, `.tsv`, `.json`, `.jsonl` and `.ndjson` paths, also gzip or zstd compressed.
    func textTable(path: String) throws -> (any TableProvider)? {
        if TextInputs.isCSV(path) { return try TextTableProvider(pattern: path, format: .csv(CSVOptions())) }
        if TextInputs.isJSON(path) { return try TextTableProvider(pattern: path, format: .json(JSONOptions())) }
        return nil
    }
}
