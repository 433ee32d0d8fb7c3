import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive HTTP/1.1 connection over a blocking TCP socket, with send/receive timeouts.
final class HTTPConnection {
    private let fd: Int32
    let endpoint: String
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var start = 0
    private var end = 0
    /// False once the server said `Connection: close` or the stream is out of step.
    private(set) var reusable = true

    init(host: String, port: Int, timeout: Double) throws {
        endpoint = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let first = info else {
            throw StorageError(.connection, "cannot resolve \(endpoint): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(info) }
        var lastError: Int32 = 0
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let current = address {
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd >= 0 {
                Self.configure(fd, timeout: timeout)
                if connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    self.fd = fd
                    return
                }
                lastError = errno
                close(fd)
            }
            address = current.pointee.ai_next
        }
        throw Self.error(lastError, "connect to \(endpoint)")
    }

    deinit { close(fd) }

    private static func configure(_ fd: Int32, timeout: Double) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    static func error(_ code: Int32, _ what: String) -> StorageError {
        let text = String(cString: strerror(code))
        if code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT {
            return StorageError(.timeout, "timed out: \(what)")
        }
        return StorageError(.connection, "\(what): \(text)")
    }

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                reusable = false
                throw Self.error(errno, "send to \(endpoint)")
            }
            done += n
        }
    }

    /// Refills the buffer; returns false at end of stream.
    private func fill() throws -> Bool {
        if start == end { start = 0; end = 0 }
        if end == buffer.count {
            buffer.removeSubrange(0..<start)
            end -= start
            start = 0
            buffer += [UInt8](repeating: 0, count: max(buffer.count, 64 * 1024) - buffer.count + 64 * 1024)
        }
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + end, $0.count - end, 0) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                reusable = false
                throw Self.error(errno, "receive from \(endpoint)")
            }
            end += n
            return n > 0
        }
    }

    /// The next CRLF-terminated line, without the CRLF.
    func readLine() throws -> String {
        while true {
            if let cr = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = cr
                if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
                start = cr + 1
                return line
            }
            if end - start > 64 * 1024 { throw StorageError(.invalidResponse, "header line too long from \(endpoint)") }
            guard try fill() else {
                reusable = false
                throw StorageError(.connection, "connection to \(endpoint) closed before a complete response")
            }
        }
    }

    /// Exactly `count` body bytes, appended (for chunked bodies).
    func read(count: Int, into out: inout [UInt8]) throws {
        if out.capacity < out.count + count { out.reserveCapacity(max(out.count + count, out.capacity * 2)) }
        var remaining = count
        while remaining > 0 {
            if start == end {
                guard try fill() else {
                    reusable = false
                    throw StorageError(.connection, "connection to \(endpoint) closed mid-body")
                }
            }
            let take = min(remaining, end - start)
            buffer.withUnsafeBytes { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[start..<(start + take)])) }
            start += take
            remaining -= take
        }
    }

    /// A `count`-byte body received straight into its final array (no intermediate copy for large bodies).
    func readBody(count: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            let buffered = min(count, end - start)
            buffer.withUnsafeBytes { source in
                if buffered > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + buffered)])) }
            }
            start += buffered
            initialized = buffered
            while initialized < count {
                let n = recv(fd, out.baseAddress! + initialized, count - initialized, 0)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    reusable = false
                    if n == 0 { throw StorageError(.connection, "connection to \(endpoint) closed mid-body") }
                    throw Self.error(errno, "receive from \(endpoint)")
                }
                initialized += n
            }
        }
    }

    /// Everything until the server closes the connection.
    func readToEnd(into out: inout [UInt8]) throws {
        reusable = false
        out += buffer[start..<end]
        start = end
        while try fill() {
            out += buffer[start..<end]
            start = end
        }
    }

    func markUnusable() { reusable = false }
}
