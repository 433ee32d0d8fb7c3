import Foundation
import Testing
@testable import Storage

/// The repository root, for fixtures and the S3 test server's env file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The local SeaweedFS started by `scripts/s3-server.sh start` (its env file), or nil when it is not running.
enum S3TestServer {
    static let environment: [String: String]? = {
        let path = ProcessInfo.processInfo.environment["SLUICE_S3_ENV"]
            ?? repositoryRoot.appendingPathComponent(".build/s3/env").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { env[parts[0]] = parts[1] }
        }
        return env["S3_ENDPOINT"] == nil ? nil : env
    }()

    static var isRunning: Bool { environment != nil }
    static let skipMessage: Comment = "S3 test server not running: start it with scripts/s3-server.sh start"

    static func config(secret: String? = nil) throws -> S3Config {
        guard let env = environment else { throw StorageError(.configuration, "no S3 test server") }
        var config = try S3Config.resolve(environment: [
            "AWS_ACCESS_KEY_ID": env["AWS_ACCESS_KEY_ID"] ?? "", "AWS_SECRET_ACCESS_KEY": secret ?? env["AWS_SECRET_ACCESS_KEY"] ?? "",
            "AWS_REGION": env["AWS_REGION"] ?? "us-east-1", "AWS_ENDPOINT_URL": env["S3_ENDPOINT"] ?? "", "HOME": "/nonexistent",
        ])
        config.timeout = 10
        return config
    }

    /// A store under a fresh prefix of the test bucket.
    static func store(_ label: String, secret: String? = nil, transport: ((S3Config) -> any HTTPTransport)? = nil) throws -> S3Store {
        let config = try config(secret: secret)
        let bucket = environment?["S3_TEST_BUCKET"] ?? "sluice-test"
        let prefix = "\(label)-\(UUID().uuidString.prefix(8))"
        if let transport { return try S3Store(bucket: bucket, prefix: prefix, config: config, transport: transport(config)) }
        return try S3Store(bucket: bucket, prefix: prefix, config: config)
    }
}

enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case local, memory, s3
    var testDescription: String { rawValue }

    /// The stores this machine can test: S3 only when the test server runs.
    static var available: [StoreKind] { S3TestServer.isRunning ? allCases : [.local, .memory] }

    func make() throws -> any ObjectStore {
        switch self {
        case .local: return try LocalStore(root: temporaryDirectory())
        case .memory: return MemoryStore(name: "test-\(UUID().uuidString)")
        case .s3: return try S3TestServer.store("behaviour")
        }
    }
}

func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "sluice-storage-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Deterministic bytes for a given seed (a word-at-a-time LCG, fast in debug builds too).
func pattern(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var words = [UInt64](repeating: 0, count: (count + 7) / 8)
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    words.withUnsafeMutableBufferPointer { buffer in
        for index in buffer.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            buffer[index] = state ^ (state >> 29)
        }
    }
    return words.withUnsafeBytes { Array($0.prefix(count)) }
}

/// Runs `body` on `count` threads started together; returns the results in thread order.
func race<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let box = RaceResults<T>(count)
    let start = DispatchSemaphore(value: 0)
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            start.wait()
            let result = body(index)
            box.lock.withLock { box.results[index] = result }
            group.leave()
        }
    }
    for _ in 0..<count { start.signal() }
    group.wait()
    return box.results.map { $0! }
}

/// The error code a throwing call ended with, or nil on success.
func errorCode(_ body: () throws -> Void) -> StorageError.Code? {
    do { try body(); return nil } catch let error as StorageError { return error.code } catch { return .io }
}

final class RaceResults<T>: @unchecked Sendable {
    var results: [T?]
    let lock = NSLock()
    init(_ count: Int) { results = .init(repeating: nil, count: count) }
}
