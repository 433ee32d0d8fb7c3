import Foundation
import Testing
@testable import Storage

/// Wraps the real client and, for a seeded random fraction of requests: answers 503 SlowDown without sending;
/// sends, then replaces the answer with 500 InternalError (the server acted, the client cannot know); sends,
/// then drops the connection (the answer is lost); times out without sending; or delays the request.
final class FaultInjectingTransport: HTTPTransport, @unchecked Sendable {
    enum Fault: String, CaseIterable { case slowDown, internalErrorAfterSend, dropAfterSend, timeout, delay }

    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var state: UInt64
    private let rate: Double
    private(set) var injected: [Fault: Int] = [:]

    init(_ inner: any HTTPTransport, seed: UInt64, rate: Double) {
        self.inner = inner
        state = seed | 1
        self.rate = rate
    }

    private func draw() -> Double {
        lock.withLock {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let roll = draw()
        guard roll < rate else { return try inner.send(request) }
        let fault = Fault.allCases[min(Int(roll / rate * Double(Fault.allCases.count)), Fault.allCases.count - 1)]
        lock.withLock { injected[fault, default: 0] += 1 }
        switch fault {
        case .slowDown:
            return Self.error(503, "SlowDown", "Please reduce your request rate.")
        case .internalErrorAfterSend:
            _ = try inner.send(request)
            return Self.error(500, "InternalError", "We encountered an internal error. Please try again.")
        case .dropAfterSend:
            _ = try inner.send(request)
            throw StorageError(.connection, "connection reset by peer (injected)")
        case .timeout:
            throw StorageError(.timeout, "timed out (injected)")
        case .delay:
            Thread.sleep(forTimeInterval: 0.02 + draw() * 0.08)
            return try inner.send(request)
        }
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>injected</RequestId></Error>"
        return HTTPResponse(status: status, headers: [("x-amz-request-id", "injected")], body: Array(xml.utf8))
    }
}

@Suite(.enabled(if: S3TestServer.isRunning, S3TestServer.skipMessage), .serialized)
struct FaultInjectionTests {
    /// A store whose every request may fail, and a clean view of the same prefix to check the outcome.
    static func stores(seed: UInt64, rate: Double = 0.3) throws -> (S3Store, S3Store, FaultInjectingTransport) {
        var config = try S3TestServer.config()
        config.maxAttempts = 12
        config.partSize = 5 << 20
        config.multipartThreshold = 5 << 20
        let transport = FaultInjectingTransport(SocketHTTPClient(timeout: config.timeout), seed: seed, rate: rate)
        let bucket = S3TestServer.environment?["S3_TEST_BUCKET"] ?? "sluice-test"
        let prefix = "faults-\(UUID().uuidString.prefix(8))"
        let faulty = try S3Store(bucket: bucket, prefix: prefix, config: config, transport: transport)
        let clean = try S3Store(bucket: bucket, prefix: prefix, config: S3TestServer.config())
        return (faulty, clean, transport)
    }

    @Test func readsAndWritesCompleteWithNoPartialObjects() throws {
        let (store, clean, transport) = try Self.stores(seed: 42)
        var expected: [String: [UInt8]] = [:]
        for index in 0..<40 {
            let size = index % 10 == 9 ? (12 << 20) + index : index * 997
            let bytes = pattern(size, seed: UInt64(index))
            try store.put("obj/\(index)", bytes)
            expected["obj/\(index)"] = bytes
        }
        let writer = try store.writer("obj/streamed")
        let streamed = pattern(11 << 20, seed: 99)
        try writer.write(streamed)
        try writer.finish()
        expected["obj/streamed"] = streamed
        for (key, bytes) in expected {
            #expect(try store.get(key) == bytes, "\(key)")
            #expect(try store.get(key, range: 3..<50) == Array(bytes[min(3, bytes.count)..<min(50, bytes.count)]))
        }
        #expect(try store.listAll(prefix: "obj/").objects.count == expected.count)
        let listed = try clean.listAll(prefix: "")
        #expect(Set(listed.objects.map(\.key)) == Set(expected.keys))
        for object in listed.objects { #expect(object.size == expected[object.key]?.count, "\(object.key)") }
        #expect(try MultipartUploads.pending(clean).isEmpty)
        #expect(Fault.allCases.allSatisfy { (transport.injected[$0] ?? 0) > 0 }, "\(transport.injected)")
    }

    typealias Fault = FaultInjectingTransport.Fault

    @Test func putIfAbsentHasOneWinnerDespiteLostAnswers() throws {
        let (store, clean, transport) = try Self.stores(seed: 7, rate: 0.35)
        for round in 0..<8 {
            let outcomes = race(4) { index in errorCode { try store.putIfAbsent("commit/\(round)", [UInt8(index)]) } }
            let winners = outcomes.indices.filter { outcomes[$0] == nil }
            #expect(winners.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 3, "round \(round): \(outcomes)")
            if let winner = winners.first { #expect(try clean.get("commit/\(round)") == [UInt8(winner)]) }
        }
        // Lost answers of a lone creator: it must report success, never a false "already exists".
        for index in 0..<20 { try store.putIfAbsent("solo/\(index)", [1]) }
        #expect(try clean.listAll(prefix: "solo/").objects.count == 20)
        // Multipart creates: the conditional Complete may lose its answer too.
        for index in 0..<3 {
            let bytes = pattern((6 << 20) + index, seed: UInt64(index))
            try store.putIfAbsent("big/\(index)", bytes)
            #expect(errorCode { try store.putIfAbsent("big/\(index)", [0]) } == .alreadyExists)
            #expect(try clean.get("big/\(index)") == bytes)
        }
        #expect(try MultipartUploads.pending(clean).isEmpty)
        #expect(transport.injected.values.reduce(0, +) > 20)
    }
}
