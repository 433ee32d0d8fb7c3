import Columnar

/// Record keys and partition paths of incoming rows, as Hudi's key generators (KeyGenUtils) form them:
/// simple `value`, complex `f1:v1,f2:v2`; partition paths `v` or `field=v` joined by `/`, with null or empty
/// values in `__HIVE_DEFAULT_PARTITION__` and, when the table says so, Hive's path escaping.
struct HoodieKeyGenerator {
    static let nullKeyPart = "__null__"
    static let emptyKeyPart = "__empty__"

    let kind: HudiTableOptions.KeyGenerator
    let recordKeyFields: [String]
    let partitionFields: [String]
    let hiveStyle: Bool
    let urlEncode: Bool

    init(config: HoodieTableConfig) throws {
        recordKeyFields = config.recordKeyFields
        partitionFields = config.partitionFields
        hiveStyle = config.isHiveStylePartitioning
        urlEncode = config.isURLEncodedPartitioning
        guard !recordKeyFields.isEmpty else {
            throw TableFormatError(.invalidConfig, "table '\(config.name)' has no '\(HoodieTableConfig.Key.recordKeyFields)': it cannot be written")
        }
        if let name = config.keyGenerator {
            guard let kind = HudiTableOptions.KeyGenerator(config: name) else {
                throw TableFormatError(.unsupported, "table '\(config.name)' uses key generator '\(name)'; Sluice writes with the simple, complex and non-partitioned ones")
            }
            self.kind = kind
        } else {
            kind = partitionFields.isEmpty ? .nonPartitioned : (recordKeyFields.count == 1 && partitionFields.count == 1 ? .simple : .complex)
        }
    }

    /// The record key of every physical row of `batch` (rows outside its selection get "").
    func recordKeys(_ batch: Batch) throws -> [String] {
        let columns = try recordKeyFields.map { try column($0, of: batch) }
        var keys = [String](repeating: "", count: batch.count)
        let complex = kind == .complex || columns.count > 1
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            if !complex {
                guard let value = KeyValueFormatter.string(columns[0], row), !value.isEmpty else {
                    throw TableFormatError(.invalidArgument, "record key field '\(recordKeyFields[0])' is null or empty in row \(row)")
                }
                keys[row] = value
                continue
            }
            var parts: [String] = []
            var allMissing = true
            for (field, vector) in zip(recordKeyFields, columns) {
                let value = KeyValueFormatter.string(vector, row)
                if let value, !value.isEmpty { allMissing = false }
                parts.append(field + ":" + (value.map { $0.isEmpty ? HoodieKeyGenerator.emptyKeyPart : $0 } ?? HoodieKeyGenerator.nullKeyPart))
            }
            if allMissing {
                throw TableFormatError(.invalidArgument, "record key fields \(recordKeyFields.joined(separator: ",")) are all null or empty in row \(row)")
            }
            keys[row] = parts.joined(separator: ",")
        }
        return keys
    }

    /// The partition path of every physical row of `batch` ("" for a non-partitioned table).
    func partitionPaths(_ batch: Batch) throws -> [String] {
        guard kind != .nonPartitioned, !partitionFields.isEmpty else { return [String](repeating: "", count: batch.count) }
        let columns = try partitionFields.map { try column($0, of: batch) }
        var paths = [String](repeating: "", count: batch.count)
        for i in 0..<batch.rowCount {
            let row = batch.physicalRow(i)
            var segments: [String] = []
            for (field, vector) in zip(partitionFields, columns) {
                var value = KeyValueFormatter.string(vector, row) ?? ""
                if value.isEmpty {
                    value = HoodiePartitionPath.defaultPartition
                } else if urlEncode {
                    value = HoodiePartitionPath.escapePathName(value)
                }
                segments.append(hiveStyle ? field + "=" + value : value)
            }
            paths[row] = segments.joined(separator: "/")
        }
        return paths
    }

    private func column(_ name: String, of batch: Batch) throws -> Vector {
        guard let index = batch.schema.index(of: name) else {
            throw TableFormatError(.invalidArgument, "incoming batch has no column '\(name)' (a record key or partition field)")
        }
        return batch.columns[index]
    }
}

extension HoodiePartitionPath {
    /// Hive's PartitionPathEncodeUtils.escapePathName: `%XX` for control characters and `"#%'*/:=?\{[]^` and DEL.
    public static func escapePathName(_ text: String) -> String {
        let special: Set<UInt8> = Set("\"#%'*/:=?\\{[]^".utf8).union([0x7F])
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte < 0x20 || special.contains(byte) {
                let hex = Array("0123456789ABCDEF".utf8)
                out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A key or partition value as Java's `String.valueOf` of the Avro value prints it (dates as `yyyy-MM-dd`, as
/// Hudi converts logical dates); nil for null.
enum KeyValueFormatter {
    static func string(_ vector: Vector, _ row: Int) -> String? {
        if vector.isNull(row) { return nil }
        switch vector.type {
        case .string: return String(decoding: vector.bytes(at: row), as: UTF8.self)
        case .int32: return String(vector.buffer.load(row, as: Int32.self))
        case .int64, .timestamp, .time: return String(vector.buffer.load(row, as: Int64.self))
        case .date: return date(Int64(vector.buffer.load(row, as: Int32.self)))
        case .boolean: return vector.buffer.load(row, as: UInt8.self) != 0 ? "true" : "false"
        case .float64: return javaDouble(vector.buffer.load(row, as: Double.self))
        case .float32: return javaDouble(Double(vector.buffer.load(row, as: Float.self)))
        case .decimal(_, let scale):
            guard case .decimal(let unscaled) = vector.value(at: row) else { return nil }
            return decimal(unscaled, scale: scale)
        default:
            return "\(vector.value(at: row))"
        }
    }

    static func date(_ days: Int64) -> String {
        let (y, m, d) = HoodieInstantTime.civil(fromDays: days)
        func pad(_ v: Int64, _ width: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, width - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func javaDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    static func decimal(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(negative ? 0 - unscaled : unscaled)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
    }
}
