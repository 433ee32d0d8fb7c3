import Columnar

/// Where records are: the opening bracket of a top-level array, line counting, error places and routing.
extension JSONReader {
    /// Consumes a leading `[` when the format is `array`, or `auto` and the text starts with one.
    static func openArray(_ buffer: ChunkBuffer, format: JSONOptions.Format) throws -> Bool {
        let p = buffer.base
        var pos = buffer.start
        while pos < buffer.end && (p[pos] == 0x20 || p[pos] == 0x0A || p[pos] == 0x0D || p[pos] == 0x09) { pos += 1 }
        let bracket = pos < buffer.end && p[pos] == UInt8(ascii: "[")
        switch format {
        case .lines: return false
        case .array where !bracket && pos < buffer.end:
            throw TextFormatError.make(.malformedJSON, "expected a top-level JSON array, found '\(JSONTape.show(p[pos]))'")
        default:
            if bracket { buffer.start = pos + 1 }
            return bracket
        }
    }

    /// Advances the line count over the newlines before `position`.
    func countLines(to position: Int) {
        let p = buffer.base
        var i = lineCursor
        var n = 0
        while i < position {
            if p[i] == 0x0A { n &+= 1 }
            i &+= 1
        }
        if position > lineCursor { lineCursor = position }
        line += n
    }

    /// The position after the line end at or after `from` (or the window's end).
    func lineEnd(from: Int) -> Int {
        let p = buffer.base
        var i = from
        while i < buffer.end && p[i] != 0x0A { i += 1 }
        return min(i + 1, buffer.end)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: buffer.base + start, count: max(end - start, 0)), as: UTF8.self)
    }

    /// A fatal syntax error at window position `at`, with its line.
    func syntaxError(at position: Int, _ reason: String) -> TextFormatError {
        countLines(to: min(position, buffer.end))
        let place = options.fileName.isEmpty ? "line \(line)" : "file '\(options.fileName)', line \(line)"
        return TextFormatError.make(.malformedJSON, "\(place): \(reason)")
    }

    /// Applies the error policy to one rejected record.
    func reject(_ error: RowError) throws {
        counts.rejected += 1
        switch options.onError {
        case .fail: throw error.error
        case .skip: break
        case .collect: rejected.append(error)
        }
    }
}
