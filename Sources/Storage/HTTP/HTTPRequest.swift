/// One HTTP/1.1 exchange as the S3 client sees it. `path` is already URI-encoded; `query` holds raw pairs that
/// are encoded when sent (in canonical order, so the wire bytes are the signed bytes).
struct HTTPRequest: Sendable {
    enum Body: @unchecked Sendable {
        case none
        case bytes([UInt8])
        /// Borrowed memory that outlives the call (a slice of the caller's array).
        case borrowed(UnsafeRawBufferPointer)

        var count: Int {
            switch self {
            case .none: return 0
            case .bytes(let bytes): return bytes.count
            case .borrowed(let buffer): return buffer.count
            }
        }

        func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            switch self {
            case .none: return try body(UnsafeRawBufferPointer(start: nil, count: 0))
            case .bytes(let bytes): return try bytes.withUnsafeBytes(body)
            case .borrowed(let buffer): return try body(buffer)
            }
        }
    }

    var method: String
    var scheme: String
    var host: String
    var port: Int
    var path: String
    var query: [(String, String)] = []
    var headers: [(String, String)] = []
    var body: Body = .none

    var target: String {
        query.isEmpty ? path : path + "?" + SigV4Signer.canonicalQuery(query)
    }

    /// `host` header value: the port is omitted when it is the scheme's default.
    var hostHeader: String {
        (scheme == "https" && port == 443) || (scheme == "http" && port == 80) ? host : "\(host):\(port)"
    }

    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.lowercased() == name }
        headers.append((name, value))
    }
}

struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name }?.1
    }
}

/// Sends requests; implementations own their connections. Throws `.connection` or `.timeout` when no complete
/// answer arrived, in which case the server may or may not have acted on the request.
protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}
