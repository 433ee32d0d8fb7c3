import ArgumentParser
import Sluice

/// How `sluice ingest` parses its sources: format, CSV dialect, JSON layout, encoding, schema.
struct IngestTextOptions: ParsableArguments {
    @Option(help: "csv, json or parquet; default: from each file's extension.") var format: String?
    @Option(help: "CSV field separator (one character, or 'tab'); default: sniffed.") var delimiter: String?
    @Option(help: "CSV quote character.") var quote: String?
    @Option(help: "CSV escape character inside quotes; default: the quote (doubled quotes).") var escape: String?
    @Flag(inversion: .prefixedNo, help: "Whether CSV files start with a header row; default: sniffed.") var header: Bool?
    @Option(name: .customLong("null"), help: "A CSV field text that means NULL (repeatable; default: the empty field).") var nulls: [String] = []
    @Option(help: "utf8 or latin1.") var encoding = "utf8"
    @Option(help: "auto, none, gzip or zstd.") var compression = "auto"
    @Option(name: .customLong("json-format"), help: "auto, lines or array.") var jsonFormat = "auto"
    @Option(help: "Columns and types instead of inference, as in SQL: 'id BIGINT, name VARCHAR'.") var schema: String?

    func sourceFormat() throws -> SourceFormat? {
        guard let format else { return nil }
        guard let parsed = SourceFormat(rawValue: format.lowercased()) else {
            throw IngestError(.invalidOption, "unknown --format '\(format)' (csv, json, parquet)")
        }
        return parsed
    }

    func readerOptions() throws -> TextSourceOptions {
        var options = TextSourceOptions()
        options.csv.delimiter = try delimiter.map { $0 == "tab" || $0 == "\\t" ? 0x09 : try Self.byte($0, "--delimiter") }
        if let quote { options.csv.quote = try Self.byte(quote, "--quote") }
        options.csv.escape = try escape.map { try Self.byte($0, "--escape") }
        options.csv.header = header
        if !nulls.isEmpty { options.csv.nullStrings = nulls }
        guard let encoding = TextEncoding(rawValue: encoding.lowercased().replacingOccurrences(of: "-", with: "")) else {
            throw IngestError(.invalidOption, "unknown --encoding '\(self.encoding)' (utf8, latin1)")
        }
        guard let compression = Compression(rawValue: compression.lowercased()) else {
            throw IngestError(.invalidOption, "unknown --compression '\(self.compression)' (auto, none, gzip, zstd)")
        }
        guard let layout = JSONOptions.Format(rawValue: jsonFormat.lowercased()) else {
            throw IngestError(.invalidOption, "unknown --json-format '\(jsonFormat)' (auto, lines, array)")
        }
        (options.csv.encoding, options.json.encoding) = (encoding, encoding)
        (options.csv.compression, options.json.compression) = (compression, compression)
        options.json.format = layout
        return options
    }

    static func byte(_ text: String, _ option: String) throws -> UInt8 {
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw IngestError(.invalidOption, "\(option) takes one ASCII character, not '\(text)'")
        }
        return byte
    }
}
