import Foundation

/// Streams an object to S3: buffers up to one part; the first full part starts a multipart upload, later parts
/// follow as they fill. A small object is sent as one PUT on `finish()`. Errors and `abort()` abort the upload.
final class S3ObjectWriter: ObjectWriter {
    private let store: S3Store
    private let key: String
    private var buffer: [UInt8] = []
    private var uploadID: String?
    private var etags: [String] = []
    private var done = false
    private let createToken = UUID().uuidString

    init(store: S3Store, key: String) {
        self.store = store
        self.key = key
    }

    deinit { abort() }

    private var partSize: Int { max(store.config.partSize, 5 * 1024 * 1024) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let take = min(rest.count, partSize - buffer.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<take]))
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            // Keep a full part buffered until more arrives, so the last part is never empty.
            if buffer.count == partSize && !rest.isEmpty { try flushPart() }
        }
    }

    private func flushPart() throws {
        do {
            if uploadID == nil { uploadID = try store.createMultipartUpload(key, createToken: createToken) }
            let etag = try buffer.withUnsafeBytes {
                try store.uploadPart(key, uploadID: uploadID!, number: etags.count + 1, $0)
            }
            etags.append(etag)
            buffer.removeAll(keepingCapacity: true)
        } catch {
            abort()
            throw error
        }
    }

    func finish() throws {
        guard !done else { return }
        guard let uploadID else {
            done = true
            try store.put(key, buffer)
            return
        }
        do {
            try flushPart()
            try store.completeMultipartUpload(key, uploadID: uploadID, etags: etags, createToken: createToken,
                                              conditional: false)
            done = true
        } catch {
            abort()
            throw error
        }
    }

    func abort() {
        guard !done else { return }
        done = true
        buffer = []
        if let uploadID { store.abortMultipartUpload(key, uploadID: uploadID) }
    }
}
