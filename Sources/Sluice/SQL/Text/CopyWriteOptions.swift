import Columnar
import Parquet
import SQLPlanner
import TextFormats

/// COPY TO's options (lower-case names) as writer options; an option the format does not take is a Binder
/// Error naming it.
struct CopyWriteOptions {
    let format: CopyFormat
    let arguments: TableFunctionArguments

    func csv() throws -> CSVWriteOptions {
        var options = CSVWriteOptions()
        for (name, value) in arguments.named {
            switch name {
            case "header": options.header = try bool(name, value)
            case "delimiter", "delim", "sep": options.delimiter = try byte(name, value)
            case "quote": options.quote = try byte(name, value)
            case "escape": options.escape = try byte(name, value)
            case "null", "nullstr": options.nullString = try string(name, value)
            case "compression": _ = try string(name, value)
            default: throw unknown(name)
            }
        }
        return options
    }

    func json() throws {
        for (name, value) in arguments.named {
            switch name {
            case "compression": _ = try string(name, value)
            case "array" where value == .bool(false): break
            case "array": throw PlannerError(.notSupported, "COPY TO json: ARRAY true (a top-level array); Sluice writes JSON Lines")
            default: throw unknown(name)
            }
        }
    }

    func parquet() throws -> ParquetWriteOptions {
        var options = ParquetWriteOptions()
        for (name, value) in arguments.named {
            switch name {
            case "compression", "codec":
                let codecs: [String: CompressionCodec] = ["uncompressed": .uncompressed, "none": .uncompressed,
                    "snappy": .snappy, "gzip": .gzip, "zstd": .zstd, "brotli": .brotli, "lz4": .lz4Raw, "lz4_raw": .lz4Raw]
                let text = try string(name, value).lowercased()
                guard let codec = codecs[text] else {
                    throw PlannerError(.binder, "COPY: Parquet compression '\(text)' is not one of \(codecs.keys.sorted().joined(separator: ", "))")
                }
                options.codec = codec
            case "row_group_size":
                guard case .int(let rows) = value, rows > 0, rows <= Int64(Int32.max) else {
                    throw PlannerError(.binder, "COPY: row_group_size must be a positive integer, got \(value)")
                }
                options.rowGroupRows = Int(rows)
            default: throw unknown(name)
            }
        }
        return options
    }

    /// The output wrapped in the compression COMPRESSION names, or the path's `.gz` / `.zst` suffix implies.
    func compressed(_ output: any ByteOutput, path: String) throws -> any ByteOutput {
        var kind = "none"
        if path.lowercased().hasSuffix(".gz") { kind = "gzip" }
        if path.lowercased().hasSuffix(".zst") { kind = "zstd" }
        if let value = arguments["compression"] { kind = try string("compression", value).lowercased() }
        switch kind {
        case "none", "uncompressed", "auto": return output
        case "gzip": return try GzipOutput(output)
        case "zstd": return try ZstdOutput(output)
        default: throw PlannerError(.binder, "COPY: \(format.rawValue) compression '\(kind)' is not none, gzip or zstd")
        }
    }

    private func unknown(_ name: String) -> PlannerError {
        PlannerError(.binder, "COPY: option \(name.uppercased()) is not supported for FORMAT \(format.rawValue)")
    }

    private func bool(_ name: String, _ value: Value) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .int(let i) where i == 0 || i == 1: return i == 1
        case .string(let s) where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
        default: throw PlannerError(.binder, "COPY: \(name.uppercased()) must be a boolean, got \(value)")
        }
    }

    private func string(_ name: String, _ value: Value) throws -> String {
        guard case .string(let s) = value else {
            throw PlannerError(.binder, "COPY: \(name.uppercased()) must be a string, got \(value)")
        }
        return s
    }

    private func byte(_ name: String, _ value: Value) throws -> UInt8 {
        let text = try string(name, value)
        if text == "\\t" { return 0x09 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw PlannerError(.binder, "COPY: \(name.uppercased()) must be one ASCII character, got '\(text)'")
        }
        return byte
    }
}
