/// A partition path such as `byteField=10/shortField=300`, `10`, `2023/04/01/12` or "" (non-partitioned).
public struct HoodiePartitionPath: Sendable, Hashable {
    public static let defaultPartition = "__HIVE_DEFAULT_PARTITION__"

    public var path: String

    public init(_ path: String) { self.path = path }

    public var segments: [String] { path.split(separator: "/").map(String.init) }

    /// Values of the partition fields. Hive-style segments give `field=value`; plain segments map to the fields
    /// in order, and extra levels (a timestamp key generator's `yyyy/MM/dd`) join into the last field.
    /// Values are URL-decoded when the table encodes them; the default partition reads as nil.
    public func values(fields: [String], hiveStyle: Bool, urlEncoded: Bool) -> [String: String?] {
        var result: [String: String?] = [:]
        let segments = self.segments
        if hiveStyle || segments.allSatisfy({ $0.contains("=") }) && !segments.isEmpty {
            for segment in segments {
                guard let eq = segment.firstIndex(of: "=") else { continue }
                let field = String(segment[..<eq])
                result[field] = decode(String(segment[segment.index(after: eq)...]), urlEncoded: urlEncoded)
            }
            return result
        }
        for (index, field) in fields.enumerated() where index < segments.count {
            let raw = index == fields.count - 1 ? segments[index...].joined(separator: "/") : segments[index]
            result[field] = decode(raw, urlEncoded: urlEncoded)
        }
        return result
    }

    private func decode(_ raw: String, urlEncoded: Bool) -> String? {
        if raw == HoodiePartitionPath.defaultPartition { return nil }
        return urlEncoded ? HoodiePartitionPath.unescapePathName(raw) : raw
    }

    /// Hive's PartitionPathEncodeUtils.unescapePathName: `%XX` hex escapes; anything else stays.
    public static func unescapePathName(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x25, i + 2 < utf8.count, let v = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
