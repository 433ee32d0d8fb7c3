import Foundation

/// A small HTTP/1.1 client over blocking sockets, for `http://` endpoints: keep-alive connections pooled per
/// host, bodies sent straight from the caller's memory, Content-Length and chunked responses.
final class SocketHTTPClient: HTTPTransport, @unchecked Sendable {
    let timeout: Double
    private let lock = NSLock()
    private var idle: [String: [HTTPConnection]] = [:]
    private let maxIdlePerHost = 32

    init(timeout: Double) { self.timeout = timeout }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let key = "\(request.host):\(request.port)"
        let pooled = lock.withLock { idle[key]?.popLast() }
        let connection = try pooled ?? HTTPConnection(host: request.host, port: request.port, timeout: timeout)
        let response: HTTPResponse
        do {
            try write(request, to: connection)
            response = try readResponse(for: request, from: connection)
        } catch let error as StorageError where pooled != nil && error.code == .connection
                    && !connection.reusable && Self.isIdempotent(request.method) {
            // The server may close an idle keep-alive connection just as we reuse it; retry once on a fresh one.
            let fresh = try HTTPConnection(host: request.host, port: request.port, timeout: timeout)
            try write(request, to: fresh)
            let response = try readResponse(for: request, from: fresh)
            release(fresh, key: key)
            return response
        }
        release(connection, key: key)
        return response
    }

    static func isIdempotent(_ method: String) -> Bool { ["GET", "HEAD", "DELETE"].contains(method) }

    private func release(_ connection: HTTPConnection, key: String) {
        guard connection.reusable else { return }
        lock.withLock {
            if idle[key, default: []].count < maxIdlePerHost { idle[key, default: []].append(connection) }
        }
    }

    private func write(_ request: HTTPRequest, to connection: HTTPConnection) throws {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        if !request.headers.contains(where: { $0.0.lowercased() == "host" }) {
            head += "host: \(request.hostHeader)\r\n"
        }
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        if request.method != "GET" && request.method != "HEAD" || request.body.count > 0 {
            head += "content-length: \(request.body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        // Small bodies go out in the same segment as the head.
        if request.body.count <= 16 * 1024 {
            request.body.withUnsafeBytes { bytes.append(contentsOf: $0) }
            try bytes.withUnsafeBytes { try connection.writeAll($0) }
        } else {
            try bytes.withUnsafeBytes { try connection.writeAll($0) }
            try request.body.withUnsafeBytes { try connection.writeAll($0) }
        }
    }

    private func readResponse(for request: HTTPRequest, from connection: HTTPConnection) throws -> HTTPResponse {
        while true {
            let statusLine = try connection.readLine()
            let parts = statusLine.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                connection.markUnusable()
                throw StorageError(.invalidResponse, "bad status line from \(connection.endpoint): '\(statusLine)'")
            }
            var headers: [(String, String)] = []
            while true {
                let line = try connection.readLine()
                if line.isEmpty { break }
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((line[..<colon].lowercased(),
                                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            if (100..<200).contains(status) { continue }
            var response = HTTPResponse(status: status, headers: headers, body: [])
            if response.header("connection")?.lowercased() == "close" { connection.markUnusable() }
            try readBody(of: &response, for: request, from: connection)
            return response
        }
    }

    private func readBody(of response: inout HTTPResponse, for request: HTTPRequest,
                          from connection: HTTPConnection) throws {
        if request.method == "HEAD" || response.status == 204 || response.status == 304 { return }
        if response.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = try connection.readLine()
                let hex = sizeLine.split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0,
                      size <= 1 << 34 else {
                    connection.markUnusable()
                    throw StorageError(.invalidResponse, "bad chunk size '\(sizeLine)' from \(connection.endpoint)")
                }
                if size == 0 {
                    while try !connection.readLine().isEmpty {}
                    return
                }
                try connection.read(count: size, into: &response.body)
                _ = try connection.readLine()
            }
        } else if let length = response.header("content-length") {
            guard let count = Int(length), count >= 0, count <= 1 << 40 else {
                connection.markUnusable()
                throw StorageError(.invalidResponse, "bad content-length '\(length)' from \(connection.endpoint)")
            }
            response.body = try connection.readBody(count: count)
        } else {
            try connection.readToEnd(into: &response.body)
        }
    }
}
