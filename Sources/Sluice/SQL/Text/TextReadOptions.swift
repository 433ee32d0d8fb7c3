import Columnar
import SQLPlanner
import TextFormats

/// DuckDB's named parameters of `read_csv` and `read_json` as TextFormats options. Unknown names and values of
/// the wrong type are Binder Errors naming the parameter.
struct TextReadOptions {
    let function: String
    let arguments: TableFunctionArguments

    func csv() throws -> (CSVOptions, CSVColumnOverrides) {
        var options = CSVOptions()
        var overrides = CSVColumnOverrides()
        for (name, value) in arguments.named {
            switch name {
            case "header": options.header = try bool(name, value)
            case "delim", "sep", "delimiter": options.delimiter = try byte(name, value)
            case "quote": options.quote = try byte(name, value)
            case "escape": options.escape = try byte(name, value)
            case "comment": options.comment = try byte(name, value)
            case "nullstr", "null": options.nullStrings = try strings(name, value)
            case "skip": options.skipRows = try int(name, value)
            case "sample_size": options.sampleRows = try int(name, value)
            case "null_padding": options.nullPadding = try bool(name, value)
            case "allow_quoted_nulls": options.allowQuotedNulls = try bool(name, value)
            case "ignore_errors": options.onError = try bool(name, value) ? .skip : .fail
            case "compression": options.compression = try compression(name, value)
            case "encoding": options.encoding = try encoding(name, value)
            case "columns": options.schema = try columns(name, value)
            case "names", "column_names": overrides.names = try strings(name, value)
            case "types", "column_types", "dtypes": overrides.types = try strings(name, value).map(CSVColumnOverrides.type)
            case "all_varchar": overrides.allVarchar = try bool(name, value)
            case "auto_detect": _ = try bool(name, value)
            default: throw unknown(name)
            }
        }
        if arguments["auto_detect"] == .bool(false), options.schema == nil {
            throw PlannerError(.binder, "\(function): auto_detect = false needs columns")
        }
        return (options, overrides)
    }

    func json() throws -> JSONOptions {
        var options = JSONOptions()
        for (name, value) in arguments.named {
            switch name {
            case "format":
                switch try string(name, value).lowercased() {
                case "auto": options.format = .auto
                case "newline_delimited", "nd", "lines": options.format = .lines
                case "array": options.format = .array
                case let other: throw PlannerError(.binder, "\(function): format '\(other)' is not auto, newline_delimited or array")
                }
            case "columns": options.schema = try columns(name, value)
            case "sample_size": options.sampleRows = try int(name, value)
            case "maximum_depth": options.maxDepth = try int(name, value)
            case "maximum_object_size": options.maxRecordBytes = try int(name, value)
            case "ignore_errors": options.onError = try bool(name, value) ? .skip : .fail
            case "compression": options.compression = try compression(name, value)
            case "auto_detect", "records": _ = try bool(name, value)
            default: throw unknown(name)
            }
        }
        if arguments["auto_detect"] == .bool(false), options.schema == nil {
            throw PlannerError(.binder, "\(function): auto_detect = false needs columns")
        }
        return options
    }

    private func unknown(_ name: String) -> PlannerError {
        PlannerError(.binder, "Invalid named parameter \"\(name)\" for function \(function)")
    }

    private func bool(_ name: String, _ value: Value) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .int(let i) where i == 0 || i == 1: return i == 1
        default: throw PlannerError(.binder, "\(function): \(name) must be a boolean, got \(value)")
        }
    }

    private func int(_ name: String, _ value: Value) throws -> Int {
        guard case .int(let i) = value, i >= 0, i <= Int64(Int32.max) else {
            throw PlannerError(.binder, "\(function): \(name) must be a non-negative integer, got \(value)")
        }
        return Int(i)
    }

    private func string(_ name: String, _ value: Value) throws -> String {
        guard case .string(let s) = value else {
            throw PlannerError(.binder, "\(function): \(name) must be a string, got \(value)")
        }
        return s
    }

    private func strings(_ name: String, _ value: Value) throws -> [String] {
        if case .list(let items) = value { return try items.map { try string(name, $0) } }
        return [try string(name, value)]
    }

    /// One ASCII character; `\t` may be written as the two characters backslash and t, as in DuckDB.
    private func byte(_ name: String, _ value: Value) throws -> UInt8 {
        let text = try string(name, value)
        if text == "\\t" { return 0x09 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw PlannerError(.binder, "\(function): \(name) must be one ASCII character, got '\(text)'")
        }
        return byte
    }

    private func compression(_ name: String, _ value: Value) throws -> Compression {
        let text = try string(name, value).lowercased()
        guard let compression = Compression(rawValue: text == "infer" ? "auto" : text) else {
            throw PlannerError(.binder, "\(function): compression '\(text)' is not auto, none, gzip or zstd")
        }
        return compression
    }

    private func encoding(_ name: String, _ value: Value) throws -> TextEncoding {
        switch try string(name, value).lowercased() {
        case "utf-8", "utf8": return .utf8
        case "latin-1", "latin1", "iso-8859-1": return .latin1
        case let other: throw PlannerError(.binder, "\(function): encoding '\(other)' is not utf-8 or latin-1")
        }
    }

    /// `columns = 'id BIGINT, name VARCHAR'`: a DDL column list.
    private func columns(_ name: String, _ value: Value) throws -> Schema {
        try Schema.parse(columnList: try string(name, value))
    }
}
