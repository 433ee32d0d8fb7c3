import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Storage

/// A tiny S3 look-alike on 127.0.0.1 that accepts any signature and IGNORES `If-None-Match`, like gateways
/// without conditional writes: what `StoreDoctor` must flag as unsafe for concurrent writers.
final class FakeS3Server: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var objects: [String: [UInt8]] = [:]
    private var uploads: [String: [Int: [UInt8]]] = [:]
    private var stopped = false

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(listener, raw, length) == 0, listen(listener, 64) == 0 else { return -1 }
                return getsockname(listener, raw, &length)
            }
        }
        guard bound == 0 else { throw StorageError(.io, "fake S3 server cannot listen") }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { if lock.withLock({ stopped }) { return } else { continue } }
            Thread.detachNewThread { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var pending: [UInt8] = []
        while let (head, body) = readRequest(fd, &pending) {
            let response = handle(head, body)
            var bytes = Array("HTTP/1.1 \(response.0) X\r\ncontent-length: \(response.2.count)\r\n".utf8)
            for (name, value) in response.1 { bytes += Array("\(name): \(value)\r\n".utf8) }
            bytes += Array("\r\n".utf8) + (head.hasPrefix("HEAD") ? [] : response.2)
            _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    private func readRequest(_ fd: Int32, _ pending: inout [UInt8]) -> (String, [UInt8])? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        func more() -> Bool {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return false }
            pending += chunk[0..<n]
            return true
        }
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.firstRange(of: Array("\r\n\r\n".utf8))?.lowerBound
            if headEnd == nil && !more() { return nil }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while pending.count < headEnd! + 4 + length { if !more() { return nil } }
        let body = Array(pending[(headEnd! + 4)..<(headEnd! + 4 + length)])
        pending.removeFirst(headEnd! + 4 + length)
        return (head, body)
    }

    private func handle(_ head: String, _ body: [UInt8]) -> (Int, [(String, String)], [UInt8]) {
        let lines = head.split(separator: "\r\n")
        let parts = lines[0].split(separator: " ")
        let method = String(parts[0])
        let target = String(parts[1])
        let path = String(target.prefix { $0 != "?" }).removingPercentEncoding ?? ""
        let query = Dictionary(target.drop { $0 != "?" }.dropFirst().split(separator: "&").map {
            let pair = $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return (pair[0], pair.count > 1 ? pair[1].removingPercentEncoding ?? "" : "")
        }, uniquingKeysWith: { a, _ in a })
        let range = lines.first { $0.lowercased().hasPrefix("range:") }
        return lock.withLock { route(method, path, query, range.map(String.init), body) }
    }

    private func route(_ method: String, _ path: String, _ query: [String: String], _ range: String?,
                       _ body: [UInt8]) -> (Int, [(String, String)], [UInt8]) {
        let ok: (Int, [(String, String)], [UInt8]) = (200, [("etag", "\"e\"")], [])
        switch (method, query["uploads"] != nil, query["uploadId"]) {
        case ("GET", false, nil) where query["list-type"] != nil:
            let prefix = "/b/" + (query["prefix"] ?? "")
            let keys = objects.keys.filter { $0.hasPrefix(prefix) }.sorted()
            let contents = keys.map { "<Contents><Key>\(S3XMLWriter.escape(String($0.dropFirst(3))))</Key><Size>\(objects[$0]!.count)</Size></Contents>" }
            return (200, [], Array("<ListBucketResult><IsTruncated>false</IsTruncated>\(contents.joined())</ListBucketResult>".utf8))
        case ("PUT", false, nil):
            objects[path] = body  // If-None-Match ignored on purpose.
            return ok
        case ("GET", false, nil), ("HEAD", false, nil):
            guard let object = objects[path] else { return (404, [], Array("<Error><Code>NoSuchKey</Code><Message>no</Message></Error>".utf8)) }
            if let range, let spec = range.split(separator: "=").last {
                let bounds = spec.split(separator: "-").compactMap { Int($0) }
                let slice = Array(object[min(bounds[0], object.count)..<min(bounds[1] + 1, object.count)])
                return (206, [], slice)
            }
            return (200, [("etag", "\"e\""), ("last-modified", "Sun, 22 Nov 2026 05:00:00 GMT")], object)
        case ("DELETE", false, nil):
            objects[path] = nil
            return (204, [], [])
        case ("POST", true, _):
            let id = UUID().uuidString
            uploads[id] = [:]
            return (200, [], Array("<InitiateMultipartUploadResult><UploadId>\(id)</UploadId></InitiateMultipartUploadResult>".utf8))
        case ("PUT", false, let id?):
            uploads[id]?[Int(query["partNumber"] ?? "0") ?? 0] = body
            return ok
        case ("POST", false, let id?):
            guard let parts = uploads.removeValue(forKey: id) else { return (404, [], []) }
            objects[path] = parts.keys.sorted().flatMap { parts[$0]! }
            return (200, [], Array("<CompleteMultipartUploadResult><ETag>\"e-2\"</ETag></CompleteMultipartUploadResult>".utf8))
        case ("DELETE", false, let id?):
            uploads[id] = nil
            return (204, [], [])
        default:
            return (501, [], Array("<Error><Code>NotImplemented</Code><Message>fake</Message></Error>".utf8))
        }
    }
}
