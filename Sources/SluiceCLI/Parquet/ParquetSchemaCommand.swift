import ArgumentParser
import Sluice

/// `sluice parquet schema FILE`: the schema tree with physical and logical types.
struct ParquetSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the schema tree.")

    @Argument(help: "The Parquet file.") var file: String

    func run() throws {
        try ParquetCLI.run(file) {
            let reader = try ParquetCLI.open(file)
            var out = "message \(reader.parquetSchema.root.name) {\n"
            for child in reader.parquetSchema.root.children { Self.describe(child, indent: 1, into: &out) }
            out += "}\n"
            ParquetCLI.write(out)
        }
    }

    static func describe(_ node: SchemaNode, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        let repetition = node.repetition.name.lowercased()
        let annotation = annotationText(node.element)
        if node.isLeaf, let type = node.element.type {
            let length = type == .fixedLenByteArray ? "(\(node.element.typeLength ?? 0))" : ""
            out += "\(pad)\(repetition) \(type.name.lowercased())\(length) \(node.name)\(annotation);\n"
        } else {
            out += "\(pad)\(repetition) group \(node.name)\(annotation) {\n"
            for child in node.children { describe(child, indent: indent + 1, into: &out) }
            out += "\(pad)}\n"
        }
    }

    static func annotationText(_ element: SchemaElement) -> String {
        if let logical = element.logicalType { return " (\(logicalName(logical)))" }
        if let converted = element.convertedType {
            if converted == .decimal { return " (DECIMAL(\(element.precision ?? 0),\(element.scale ?? 0)))" }
            return " (\(converted.name))"
        }
        return ""
    }

    static func logicalName(_ logical: LogicalType) -> String {
        switch logical {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enumeration: "ENUM"
        case .decimal(let scale, let precision): "DECIMAL(\(precision),\(scale))"
        case .date: "DATE"
        case .time(let utc, let unit): "TIME(\(unit),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let unit): "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
        case .integer(let bits, let signed): "INTEGER(\(bits),\(signed ? "signed" : "unsigned"))"
        case .unknown: "UNKNOWN"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .other(let id): "LOGICAL_TYPE(\(id))"
        }
    }
}
