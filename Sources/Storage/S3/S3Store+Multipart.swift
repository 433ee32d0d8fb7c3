import Foundation

/// Multipart upload: CreateMultipartUpload, UploadPart (each part idempotent, so retried), and
/// CompleteMultipartUpload. Any failure aborts the upload, so no parts are left behind.
///
/// Every upload carries a create token in its metadata, so a Complete whose answer was lost is resolved by HEAD
/// (the object exists with our token: done). A Create whose answer was lost may have started an upload we never
/// saw; after such an attempt, uploads of this key started since are listed and the unknown ones aborted.
extension S3Store {
    func createMultipartUpload(_ key: String, createToken: String) throws -> String {
        let create = request("POST", key, query: [("uploads", "")], headers: [(Self.createTokenHeader, createToken)])
        let started = Date().addingTimeInterval(-60)
        var lost = false
        for attempt in 1...config.maxAttempts {
            if attempt > 1 { backoff(attempt - 1) }
            let response: HTTPResponse
            do { response = try sendOnce(create) } catch let error as StorageError where error.isTransient {
                lost = true
                if attempt == config.maxAttempts { throw error }
                continue
            }
            let error = response.status == 200 ? nil : failure(response, "POST (create multipart)", objectURI(key))
            if let error {
                guard error.isTransient, attempt < config.maxAttempts else { throw error }
                lost = lost || response.status == 500
                continue
            }
            guard let id = try S3XMLElement.parse(response.body).value("UploadId"), !id.isEmpty else {
                throw StorageError(.invalidResponse, "CreateMultipartUpload \(objectURI(key)): no UploadId")
            }
            if lost { abortUnknownUploads(key, keeping: id, since: started) }
            return id
        }
        throw StorageError(.s3, "CreateMultipartUpload \(objectURI(key)) did not complete")
    }

    /// Aborts uploads of exactly `key` initiated since `since`, other than `keeping`: the orphans of lost Creates.
    func abortUnknownUploads(_ key: String, keeping: String, since: Date) {
        let query = [("uploads", ""), ("prefix", prefix + key)]
        guard let response = try? send(request("GET", nil, query: query), idempotent: true), response.status == 200,
              let document = try? S3XMLElement.parse(response.body) else { return }
        for upload in document.all("Upload") where upload.value("Key") == prefix + key {
            guard let id = upload.value("UploadId"), id != keeping,
                  (upload.value("Initiated").flatMap(S3Date.parseISO) ?? .distantFuture) >= since else { continue }
            abortMultipartUpload(key, uploadID: id)
        }
    }

    /// Uploads part `number` (1-based) and returns its ETag.
    func uploadPart(_ key: String, uploadID: String, number: Int, _ body: UnsafeRawBufferPointer) throws -> String {
        let query = [("partNumber", String(number)), ("uploadId", uploadID)]
        let response = try send(request("PUT", key, query: query, body: .borrowed(body)), idempotent: true)
        guard response.status == 200 else { throw failure(response, "PUT (part \(number))", objectURI(key)) }
        guard let etag = response.header("etag") else {
            throw StorageError(.invalidResponse, "UploadPart \(number) of \(objectURI(key)): no ETag")
        }
        return etag
    }

    /// Completes the upload; with a create token it is conditional (`If-None-Match: *`).
    func completeMultipartUpload(_ key: String, uploadID: String, etags: [String], createToken: String,
                                 conditional: Bool) throws {
        var xml = "<CompleteMultipartUpload>"
        for (index, etag) in etags.enumerated() {
            xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XMLWriter.escape(etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let headers = conditional ? [("if-none-match", "*")] : []
        let complete = request("POST", key, query: [("uploadId", uploadID)], headers: headers,
                               body: .bytes(Array(xml.utf8)))
        // A 200 answer can still carry an <Error> document.
        let validate: (HTTPResponse) throws -> Void = { [self] response in
            let document = try S3XMLElement.parse(response.body)
            if document.name == "Error" { throw failure(HTTPResponse(status: 500, headers: response.headers,
                                                                      body: response.body), "POST (complete)", objectURI(key)) }
        }
        try sendConditional(complete, key: key, token: createToken, validate: validate)
    }

    func abortMultipartUpload(_ key: String, uploadID: String) {
        _ = try? send(request("DELETE", key, query: [("uploadId", uploadID)]), idempotent: true)
    }

    /// Uploads `bytes` in `config.partSize` parts, two in flight at a time.
    func uploadMultipart(_ key: String, _ bytes: UnsafeRawBufferPointer, conditional: Bool,
                         createToken: String = UUID().uuidString) throws {
        let uploadID = try createMultipartUpload(key, createToken: createToken)
        do {
            let partSize = max(config.partSize, 5 * 1024 * 1024)
            let count = (bytes.count + partSize - 1) / partSize
            let etags = try PartUploader.run(count: count, width: 2) { index in
                let start = index * partSize
                let part = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + partSize, bytes.count)])
                return try self.uploadPart(key, uploadID: uploadID, number: index + 1, part)
            }
            try completeMultipartUpload(key, uploadID: uploadID, etags: etags, createToken: createToken,
                                        conditional: conditional)
        } catch {
            abortMultipartUpload(key, uploadID: uploadID)
            throw error
        }
    }
}

/// Runs part uploads on `width` threads and returns the ETags in part order; the first error wins.
enum PartUploader {
    static func run(count: Int, width: Int, _ upload: @escaping (Int) throws -> String) throws -> [String] {
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var etags: [String?]
            var error: Error?
            init(_ count: Int) { etags = Array(repeating: nil, count: count) }
        }
        let state = State(count)
        let group = DispatchGroup()
        nonisolated(unsafe) let upload = upload
        for _ in 0..<min(width, count) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    let index: Int? = state.lock.withLock {
                        guard state.error == nil, state.next < count else { return nil }
                        state.next += 1
                        return state.next - 1
                    }
                    guard let index else { return }
                    do {
                        let etag = try upload(index)
                        state.lock.withLock { state.etags[index] = etag }
                    } catch {
                        state.lock.withLock { if state.error == nil { state.error = error } }
                    }
                }
            }
        }
        group.wait()
        if let error = state.error { throw error }
        return state.etags.map { $0 ?? "" }
    }
}
