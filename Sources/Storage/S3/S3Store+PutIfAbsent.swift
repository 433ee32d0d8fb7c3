import Foundation

extension S3Store {
    /// Metadata header carrying a random token per create, so a create whose answer was lost can tell whether
    /// the object that now exists is ours.
    static let createTokenHeader = "x-amz-meta-sluice-create-token"

    /// A conditional PUT (`If-None-Match: *`): 412 means another writer won; 409 ConditionalRequestConflict
    /// (a concurrent create in flight) and transient failures are retried. After any attempt without a definite
    /// answer, a later 412 may be our own earlier write, so HEAD decides by the create token.
    public func putIfAbsent(_ key: String, _ bytes: [UInt8]) throws {
        try checkKey(key)
        let token = UUID().uuidString
        if bytes.count > config.multipartThreshold {
            try bytes.withUnsafeBytes { try uploadMultipart(key, $0, conditional: true, createToken: token) }
            return
        }
        try bytes.withUnsafeBytes { body in
            let put = request("PUT", key, headers: [("if-none-match", "*"), (Self.createTokenHeader, token)],
                              body: .borrowed(body))
            try sendConditional(put, key: key, token: token)
        }
    }

    /// Runs a create-if-absent request (a PUT, or a CompleteMultipartUpload, conditional or not) to a definite
    /// outcome.
    func sendConditional(_ request: HTTPRequest, key: String, token: String,
                         validate: (HTTPResponse) throws -> Void = { _ in }) throws {
        var uncertain = false
        var lastError: StorageError?
        for attempt in 1...config.maxAttempts {
            if attempt > 1 { backoff(attempt - 1) }
            let response: HTTPResponse
            do {
                response = try sendOnce(request)
            } catch let error as StorageError where error.isTransient {
                uncertain = true
                lastError = error
                continue
            }
            switch response.status {
            case 200:
                try validate(response)
                return
            case 412:
                if uncertain, try createdBy(token, key) { return }
                throw StorageError(.alreadyExists, "object already exists: \(objectURI(key))",
                                   httpStatus: 412, requestID: response.header("x-amz-request-id"))
            case 404 where uncertain && failure(response, "", "").s3Code == "NoSuchUpload":
                // A Complete retried after its answer was lost: the upload is gone; is the object ours?
                if try createdBy(token, key) { return }
                throw failure(response, request.method, objectURI(key))
            case 409:
                lastError = failure(response, request.method, objectURI(key))
            default:
                let error = failure(response, request.method, objectURI(key))
                guard error.isTransient else { throw error }
                uncertain = true
                lastError = error
            }
        }
        if uncertain, (try? createdBy(token, key)) == true { return }
        throw lastError ?? StorageError(.s3, "create of \(objectURI(key)) did not complete")
    }

    /// Whether the object at `key` carries our create token.
    func createdBy(_ token: String, _ key: String) throws -> Bool {
        let response = try send(request("HEAD", key), idempotent: true)
        if response.status == 404 { return false }
        guard response.status == 200 else { throw failure(response, "HEAD", objectURI(key)) }
        return response.header(Self.createTokenHeader) == token
    }
}
