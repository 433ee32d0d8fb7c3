import Foundation

extension S3Store {
    /// Signs and sends `request`, retrying transient failures (5xx, SlowDown, timeouts, resets) with exponential
    /// backoff and full jitter when `idempotent`. Returns the first non-transient answer, whatever its status.
    func send(_ request: HTTPRequest, idempotent: Bool) throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            let retry = idempotent && attempt < config.maxAttempts
            do {
                let response = try sendOnce(request)
                let error = response.status >= 500 || response.status == 429 || response.status == 408
                    ? failure(response, request.method, "s3://\(bucket)\(request.path)") : nil
                if let error, error.isTransient || response.status == 429, retry {
                    backoff(attempt)
                    continue
                }
                return response
            } catch let error as StorageError where error.isTransient && retry {
                backoff(attempt)
            }
        }
    }

    /// One signed attempt, no retries; the signature's date is taken now, so each retry is freshly signed.
    func sendOnce(_ request: HTTPRequest) throws -> HTTPResponse {
        var signed = request
        let hash = request.body.withUnsafeBytes { SigV4Signer.hexSHA256($0) }
        signer.sign(&signed, payloadHash: hash, date: Date())
        return try transport.send(signed)
    }

    func backoff(_ attempt: Int) {
        let cap = min(2.0, 0.025 * pow(2.0, Double(attempt)))
        Thread.sleep(forTimeInterval: Double.random(in: 0...cap))
    }

    /// The error for a non-success answer: S3's XML error (code, message, request id) when there is one.
    func failure(_ response: HTTPResponse, _ method: String, _ object: String) -> StorageError {
        let requestID = response.header("x-amz-request-id")
        var s3Code: String?
        var s3Message: String?
        if response.body.first == UInt8(ascii: "<") || response.body.starts(with: Array("\n<".utf8)),
           let document = try? S3XMLElement.parse(response.body), document.name == "Error" {
            s3Code = document.value("Code")
            s3Message = document.value("Message")
        }
        let status = response.status
        let code: StorageError.Code
        switch (status, s3Code) {
        case (404, _): code = .notFound
        case (412, _): code = .preconditionFailed
        case (_, "SignatureDoesNotMatch"?), (_, "InvalidAccessKeyId"?), (_, "InvalidToken"?),
             (_, "ExpiredToken"?), (_, "AuthorizationHeaderMalformed"?), (_, "RequestTimeTooSkewed"?),
             (_, "InvalidSecurity"?), (_, "MissingSecurityHeader"?):
            code = .authentication
        case (403, _): code = .accessDenied
        case (_, _?): code = .s3
        default: code = .http
        }
        let idText = requestID.map { " (request id \($0))" } ?? ""
        let message = s3Code.map { "S3 error \($0) on \(method) \(object): \(s3Message ?? "no message")\(idText)" }
            ?? "HTTP \(status) on \(method) \(object)\(idText)"
        return StorageError(code, message, httpStatus: status, s3Code: s3Code, requestID: requestID)
    }
}

/// The two date formats S3 sends: RFC 1123 in headers (`Sun, 06 Nov 1994 08:49:37 GMT`), ISO 8601 in XML
/// (`2009-10-12T17:50:30.000Z`).
enum S3Date {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parseHTTP(_ text: String) -> Date? {
        let fields = text.split(separator: " ")
        guard fields.count >= 5, let day = Int(fields[1]), let month = months.firstIndex(of: String(fields[2])),
              let year = Int(fields[3]) else { return nil }
        return make(year, month + 1, day, fields[4])
    }

    static func parseISO(_ text: String) -> Date? {
        let halves = text.split(separator: "T")
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3 else { return nil }
        return make(date[0], date[1], date[2], halves[1].prefix(8))
    }

    private static func make(_ year: Int, _ month: Int, _ day: Int, _ clock: Substring) -> Date? {
        let time = clock.split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(time[0])
        parts.tm_min = Int32(time[1])
        parts.tm_sec = Int32(time[2])
        return Date(timeIntervalSince1970: Double(timegm(&parts)))
    }
}
