import Columnar
import SQLExecution
import SQLPlanner
import TextFormats

/// CSV or JSON files (paths, object URIs, or globs in either) as one SQL table: `read_csv`, `read_json` and
/// quoted `.csv` / `.json` / `.jsonl` paths (compressed or not). The first file's reader infers the schema
/// and the dialect; every file is then read under them, a batch at a time.
public final class TextTableProvider: TableProvider {
    public enum Format: Sendable {
        case csv(CSVOptions)
        case json(JSONOptions)
    }

    public let paths: [String]
    public let schema: Schema
    /// The options every scan opens its files with: the schema (and CSV dialect) fixed.
    public let format: Format

    public convenience init(pattern: String, format: Format, overrides: CSVColumnOverrides = .init()) throws {
        try self.init(patterns: [pattern], format: format, overrides: overrides)
    }

    /// Every file the patterns match, in order (DuckDB's `read_csv(['a.csv', 'b/*.csv'])`).
    /// `overrides` adjust a CSV file's sniffed columns (JSON columns are matched by key, so only `columns`
    /// changes them).
    public init(patterns: [String], format: Format, overrides: CSVColumnOverrides = .init()) throws {
        var paths: [String] = []
        for pattern in patterns {
            let matched = try TextInputs.expand(pattern)
            guard !matched.isEmpty else {
                throw PlannerError(.catalog, "No files found that match the pattern \"\(pattern)\"")
            }
            paths += matched
        }
        guard let first = paths.first else { throw PlannerError(.binder, "no file patterns given") }
        self.paths = paths
        var resolved = format
        var schema: Schema
        switch format {
        case .csv(var options):
            let reader = try CSVReader(input: try TextInputs.input(first), options: Self.named(options, first))
            schema = try overrides.apply(to: reader.schema)
            options.schema = schema
            options.header = reader.hasHeader
            options.delimiter = reader.delimiter
            resolved = .csv(options)
        case .json(var options):
            let reader = try JSONReader(input: try TextInputs.input(first), options: Self.named(options, first))
            schema = reader.schema
            options.schema = schema
            resolved = .json(options)
        }
        self.schema = schema
        self.format = resolved
    }

    public var statistics: TableStatistics { TableStatistics() }

    public func scan(projection: [Int], filters: [PhysicalExpression]) throws -> any BatchSource {
        let readSchema = schema
        var remaining = paths[...]
        var current: (any TextBatchReader)? = nil
        let files = ClosureBatchSource(schema: readSchema) { [format] in
            while true {
                if let batch = try current?.next() {
                    return Batch(schema: readSchema, columns: batch.columns, count: batch.count)
                }
                guard let path = remaining.popFirst() else { return nil }
                current = try Self.reader(path, format)
            }
        }
        let all = Array(schema.fields.indices)
        return try FilteringBatchSource(files, sourceColumns: all, projection: projection, filters: filters)
    }

    static func reader(_ path: String, _ format: Format) throws -> any TextBatchReader {
        switch format {
        case .csv(let options): try CSVReader(input: try TextInputs.input(path), options: named(options, path))
        case .json(let options): try JSONReader(input: try TextInputs.input(path), options: named(options, path))
        }
    }

    private static func named(_ options: CSVOptions, _ path: String) -> CSVOptions {
        var options = options
        options.fileName = path
        return options
    }

    private static func named(_ options: JSONOptions, _ path: String) -> JSONOptions {
        var options = options
        options.fileName = path
        return options
    }
}
