/// A minimal XML reader for S3's response documents: elements, text and the five entities plus numeric
/// references. Attributes, comments, CDATA and the prolog are skipped; S3 uses none of them for data.
struct S3XMLElement: Sendable {
    var name: String
    var text = ""
    var children: [S3XMLElement] = []

    func child(_ name: String) -> S3XMLElement? { children.first { $0.name == name } }
    func all(_ name: String) -> [S3XMLElement] { children.filter { $0.name == name } }
    func value(_ name: String) -> String? { child(name)?.text }

    static func parse(_ bytes: [UInt8]) throws -> S3XMLElement {
        var stack = [S3XMLElement(name: "")]
        var i = 0
        let n = bytes.count
        func fail(_ why: String) -> StorageError {
            StorageError(.invalidResponse, "malformed XML from S3 at byte \(i): \(why)")
        }
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                var j = i
                while j < n && bytes[j] != UInt8(ascii: "<") { j += 1 }
                stack[stack.count - 1].text += try decodeEntities(bytes[i..<j])
                i = j
                continue
            }
            var j = i + 1
            while j < n && bytes[j] != UInt8(ascii: ">") { j += 1 }
            guard j < n else { throw fail("unterminated tag") }
            let tag = bytes[(i + 1)..<j]
            i = j + 1
            guard let first = tag.first else { throw fail("empty tag") }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            if first == UInt8(ascii: "/") {
                guard stack.count > 1 else { throw fail("unbalanced end tag") }
                let done = stack.removeLast()
                stack[stack.count - 1].children.append(done)
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let nameEnd = tag.firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "/") || $0 == 10 || $0 == 9 }
            let name = String(decoding: tag[tag.startIndex..<(nameEnd ?? tag.endIndex)], as: UTF8.self)
            if selfClosing {
                stack[stack.count - 1].children.append(S3XMLElement(name: name))
            } else {
                stack.append(S3XMLElement(name: name))
            }
        }
        guard stack.count == 1, let root = stack[0].children.first else { throw fail("no root element") }
        return root
    }

    private static func decodeEntities(_ raw: ArraySlice<UInt8>) throws -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        let text = String(decoding: raw, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else {
                throw StorageError(.invalidResponse, "malformed XML entity in S3 response")
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                let digits = entity.dropFirst(hex ? 2 : 1)
                guard entity.hasPrefix("#"), let code = UInt32(digits, radix: hex ? 16 : 10),
                      let scalar = Unicode.Scalar(code) else {
                    throw StorageError(.invalidResponse, "unknown XML entity '&\(entity);' in S3 response")
                }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

enum S3XMLWriter {
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
