import Columnar
import Foundation

/// A `column op literal` condition a scan prunes and filters with: partitions by their values, row groups by
/// Parquet statistics, then rows. NULLs never match, as in SQL. Built by `parse` against the table schema, so
/// the literal already has the column's type.
public struct ScanPredicate: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// Whether `order` (-1, 0, 1: column value against the literal) satisfies the operator.
        func holds(_ order: Int) -> Bool {
            switch self {
            case .equal: order == 0
            case .notEqual: order != 0
            case .less: order < 0
            case .lessOrEqual: order <= 0
            case .greater: order > 0
            case .greaterOrEqual: order >= 0
            }
        }
    }

    public var column: String
    public var op: Operator
    /// The literal in the column's physical representation.
    public var literal: ScanLiteral
    /// The column's type in the table schema.
    public var type: DataType
    /// The literal as the user wrote it, for messages and `description`.
    public var text: String

    public var description: String { "\(column) \(op.rawValue) \(text)" }

    /// A predicate whose literal is already in `type`'s physical representation (the SQL planner's constants).
    public init(column: String, op: Operator, literal: ScanLiteral, type: DataType, text: String) {
        self.column = column
        self.op = op
        self.literal = literal
        self.type = type
        self.text = text
    }

    /// Parses `column op value` (`id >= 10`, `city = 'San Francisco'`, `day < 2024-01-31`) against `schema`.
    public static func parse(_ text: String, schema: Schema) throws -> ScanPredicate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // The operator is the first run of comparison characters: values may contain them too.
        let isSymbol: (Character) -> Bool = { "<>=!".contains($0) }
        if let first = trimmed.firstIndex(where: isSymbol) {
            let end = trimmed[first...].firstIndex { !isSymbol($0) } ?? trimmed.endIndex
            let symbol = trimmed[first..<end] == "<>" ? "!=" : String(trimmed[first..<end])
            let column = trimmed[..<first].trimmingCharacters(in: .whitespaces)
            let value = trimmed[end...].trimmingCharacters(in: .whitespaces)
            if let op = Operator(rawValue: symbol), !column.isEmpty, !value.isEmpty {
                guard let index = schema.index(of: column) else {
                    throw TableFormatError(.invalidArgument, "--where '\(text)': no column '\(column)' (columns: \(schema.fields.map(\.name).joined(separator: ", ")))")
                }
                let type = schema.fields[index].type
                let literal = try ScanLiteral(parsing: Self.unquoted(value), as: type, context: "--where '\(text)'")
                return ScanPredicate(column: column, op: op, literal: literal, type: type, text: value)
            }
        }
        throw TableFormatError(.invalidArgument, "--where '\(text)': expected 'column op value' with op one of = != <> < <= > >=")
    }

    static func unquoted(_ value: String) -> String {
        for quote in ["'", "\""] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}
