import Columnar

/// The inferred type of JSON values at one place in the records, merged value by value:
/// null adds nothing; integers widen to double (or decimal); objects merge key by key (first-seen order);
/// arrays merge their elements; strings keep a `TextTypeInference` to find dates and timestamps; any other
/// mix becomes a string (the value's JSON text), as DuckDB's last resort.
indirect enum JSONShape {
    case unknown
    case boolean
    /// Integers that fit Int64, with the most digits seen.
    case bigint(digits: Int)
    /// Non-integer numbers: the widest integer and fraction digit counts seen, and whether any was
    /// not plain fixed-point (an exponent, or too many digits for a decimal).
    case number(integer: Int, fraction: Int, exact: Bool)
    case string(TextTypeInference)
    case list(JSONShape)
    case object([(name: String, shape: JSONShape)])
    /// Conflicting kinds: read as text.
    case text

    func merged(with other: JSONShape) -> JSONShape {
        switch (self, other) {
        case (.unknown, _): return other
        case (_, .unknown): return self
        case (.text, _), (_, .text): return .text
        case (.boolean, .boolean): return .boolean
        case (.bigint(let a), .bigint(let b)): return .bigint(digits: max(a, b))
        case (.bigint(let d), .number(let i, let f, let e)), (.number(let i, let f, let e), .bigint(let d)):
            return .number(integer: max(i, d), fraction: f, exact: e)
        case (.number(let i1, let f1, let e1), .number(let i2, let f2, let e2)):
            return .number(integer: max(i1, i2), fraction: max(f1, f2), exact: e1 && e2)
        case (.string(var a), .string(let b)):
            a.merge(b)
            return .string(a)
        case (.list(let a), .list(let b)): return .list(a.merged(with: b))
        case (.object(let a), .object(let b)):
            var fields = a
            for (name, shape) in b {
                if let i = fields.firstIndex(where: { $0.name == name }) {
                    fields[i].shape = fields[i].shape.merged(with: shape)
                } else {
                    fields.append((name, shape))
                }
            }
            return .object(fields)
        default: return .text
        }
    }

    /// The Columnar type for this shape.
    func resolved(_ options: JSONOptions) -> DataType {
        switch self {
        case .unknown, .text: return .string
        case .boolean: return .boolean
        case .bigint: return .int64
        case .number(let integer, let fraction, let exact):
            let precision = integer + fraction
            if options.inferDecimal && exact && precision <= DataType.maxDecimalPrecision {
                return .decimal(precision: max(precision, 1), scale: fraction)
            }
            return .float64
        case .string(let inference):
            guard options.inferTemporal else { return .string }
            let type = inference.resolved(inferDecimal: false)
            return type == .date || type == .timestamp(.microsecond, utc: false) || type == .timestamp(.microsecond, utc: true)
                ? type : .string
        case .list(let element): return .list(Field("element", element.resolved(options)))
        case .object(let fields): return .structure(fields.map { Field($0.name, $0.shape.resolved(options)) })
        }
    }
}
