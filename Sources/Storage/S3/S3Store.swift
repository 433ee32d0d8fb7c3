import Foundation

/// An S3-compatible bucket, optionally below a key prefix: `s3://bucket/prefix`.
///
/// Requests are signed with SigV4 (payload SHA-256 always; never UNSIGNED-PAYLOAD, so plain-http endpoints are
/// safe too), retried with backoff on transient failures, and sent over a pooled keep-alive HTTP/1.1 client.
public final class S3Store: ObjectStore, @unchecked Sendable {
    public let bucket: String
    /// Empty, or ends with `/`.
    public let prefix: String
    public let config: S3Config
    let transport: any HTTPTransport
    let signer: SigV4Signer
    let scheme: String
    let host: String
    let port: Int

    public var uri: String { prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix.dropLast())" }

    public convenience init(bucket: String, prefix: String = "", config: S3Config) throws {
        let secure = config.endpoint?.hasPrefix("https://") ?? true
        let transport: any HTTPTransport = secure ? URLSessionHTTPClient(timeout: config.timeout)
                                                  : SocketHTTPClient(timeout: config.timeout)
        try self.init(bucket: bucket, prefix: prefix, config: config, transport: transport)
    }

    init(bucket: String, prefix: String = "", config: S3Config, transport: any HTTPTransport) throws {
        guard !bucket.isEmpty, !bucket.contains("/") else {
            throw StorageError(.invalidURI, "invalid S3 bucket name '\(bucket)'")
        }
        self.bucket = bucket
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        self.config = config
        self.transport = transport
        signer = SigV4Signer(credentials: config.credentials, region: config.region)
        let endpoint = config.endpoint ?? "https://s3.\(config.region).amazonaws.com"
        guard let components = URLComponents(string: endpoint), let scheme = components.scheme,
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw StorageError(.configuration, "invalid S3 endpoint '\(endpoint)'")
        }
        self.scheme = scheme
        self.host = config.pathStyle ? host : "\(bucket).\(host)"
        port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    func objectURI(_ key: String) -> String { "s3://\(bucket)/\(prefix)\(key)" }

    /// A request for `key` (nil: the bucket itself).
    func request(_ method: String, _ key: String?, query: [(String, String)] = [],
                 headers: [(String, String)] = [], body: HTTPRequest.Body = .none) -> HTTPRequest {
        var path = config.pathStyle ? "/\(S3URIEncoding.encode(bucket))" : ""
        if let key { path += "/" + S3URIEncoding.encode(prefix + key, keepSlash: true) }
        if path.isEmpty { path = "/" }
        var request = HTTPRequest(method: method, scheme: scheme, host: host, port: port, path: path, query: query,
                                  headers: headers, body: body)
        request.setHeader("host", request.hostHeader)
        return request
    }

    func checkKey(_ key: String) throws {
        if key.isEmpty || (prefix + key).utf8.count > 1024 {
            throw StorageError(.invalidKey, "invalid key '\(key)' in \(uri): empty or longer than 1024 bytes")
        }
    }

    public func get(_ key: String) throws -> [UInt8] {
        try checkKey(key)
        let response = try send(request("GET", key), idempotent: true)
        guard response.status == 200 else { throw failure(response, "GET", objectURI(key)) }
        return response.body
    }

    public func get(_ key: String, range: Range<Int>) throws -> [UInt8] {
        try checkKey(key)
        let lower = max(range.lowerBound, 0)
        guard range.upperBound > lower else {
            _ = try head(key)
            return []
        }
        let response = try send(request("GET", key, headers: [("range", "bytes=\(lower)-\(range.upperBound - 1)")]),
                                idempotent: true)
        switch response.status {
        case 206: return response.body
        case 200: return Array(response.body[min(lower, response.body.count)..<min(range.upperBound, response.body.count)])
        case 416: return []
        default: throw failure(response, "GET", objectURI(key))
        }
    }

    public func head(_ key: String) throws -> ObjectMeta {
        try checkKey(key)
        let response = try send(request("HEAD", key), idempotent: true)
        guard response.status == 200 else { throw failure(response, "HEAD", objectURI(key)) }
        guard let size = response.header("content-length").flatMap({ Int($0) }) else {
            throw StorageError(.invalidResponse, "HEAD \(objectURI(key)): no Content-Length in the answer")
        }
        return ObjectMeta(key: key, size: size, etag: response.header("etag"),
                          lastModified: response.header("last-modified").flatMap(S3Date.parseHTTP))
    }

    public func put(_ key: String, _ bytes: [UInt8]) throws {
        try checkKey(key)
        if bytes.count > config.multipartThreshold {
            try bytes.withUnsafeBytes { try uploadMultipart(key, $0, conditional: false) }
            return
        }
        try bytes.withUnsafeBytes { body in
            let response = try send(request("PUT", key, body: .borrowed(body)), idempotent: true)
            guard response.status == 200 else { throw failure(response, "PUT", objectURI(key)) }
        }
    }

    public func writer(_ key: String) throws -> any ObjectWriter {
        try checkKey(key)
        return S3ObjectWriter(store: self, key: key)
    }

    public func delete(_ key: String) throws {
        try checkKey(key)
        let response = try send(request("DELETE", key), idempotent: true)
        guard response.status == 204 || response.status == 200 || response.status == 404 else {
            throw failure(response, "DELETE", objectURI(key))
        }
    }
}
