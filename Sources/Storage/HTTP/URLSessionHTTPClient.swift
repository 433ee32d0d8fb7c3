import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport for `https://` endpoints: URLSession does TLS (the socket client speaks plain HTTP only).
/// `send` blocks its thread on a semaphore, so it must not be called from Swift's cooperative pool.
final class URLSessionHTTPClient: HTTPTransport, @unchecked Sendable {
    private let session: URLSession

    init(timeout: Double) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 32
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let url = URL(string: "\(request.scheme)://\(request.hostHeader)\(request.target)") else {
            throw StorageError(.invalidURI, "cannot form a URL for \(request.host)\(request.target)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers where name.lowercased() != "host" { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if request.body.count > 0 { urlRequest.httpBody = request.body.withUnsafeBytes { Data($0) } }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<HTTPResponse, StorageError> = .failure(
            StorageError(.connection, "no answer from \(request.host)"))
        let task = session.dataTask(with: urlRequest) { data, response, error in
            result = Self.convert(data, response, error, host: request.host)
            done.signal()
        }
        task.resume()
        done.wait()
        return try result.get()
    }

    private static func convert(_ data: Data?, _ response: URLResponse?, _ error: Error?,
                                host: String) -> Result<HTTPResponse, StorageError> {
        if let error = error as? URLError {
            let code: StorageError.Code = error.code == .timedOut ? .timeout : .connection
            return .failure(StorageError(code, "request to \(host) failed: \(error.localizedDescription)"))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(StorageError(.connection, "no HTTP answer from \(host)"))
        }
        let headers = http.allHeaderFields.map { ("\($0.key)".lowercased(), "\($0.value)") }
        return .success(HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data ?? Data())))
    }
}
