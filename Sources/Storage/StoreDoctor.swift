import Foundation

/// Probes a store for what the table format needs, under a scratch prefix it removes afterwards:
/// reachable, credentials, list, put, range get, put-if-absent (two racing creates, exactly one winner),
/// multipart, delete. Each check carries the server's answer.
public struct StoreDoctor {
    public struct Check: Sendable {
        public var name: String
        public var ok: Bool
        public var detail: String
    }

    public let store: any ObjectStore
    public init(store: any ObjectStore) { self.store = store }

    public func run() -> [Check] {
        let base = ".sluice-doctor-\(UUID().uuidString.prefix(8))/"
        var checks = reachability()
        guard checks.allSatisfy(\.ok) else { return checks }
        checks.append(probe("list") { "\(try store.list(prefix: base, delimiter: "/", maxKeys: 10, continuationToken: nil).objects.count) keys" })
        let payload = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        checks.append(probe("put") { try store.put(base + "put.bin", payload); return "4096 bytes" })
        checks.append(probe("range get") {
            let got = try store.get(base + "put.bin", range: 100..<200)
            guard got == Array(payload[100..<200]) else { throw StorageError(.invalidResponse, "bytes 100-199 differ") }
            return "bytes 100-199 match"
        })
        checks.append(putIfAbsentCheck(base + "race.bin"))
        checks.append(probe("multipart") {
            let writer = try store.writer(base + "multipart.bin")
            let part = [UInt8](repeating: 0x5A, count: 1 << 20)
            for _ in 0..<9 { try writer.write(part) }
            try writer.finish()
            let size = try store.head(base + "multipart.bin").size
            guard size == 9 << 20 else { throw StorageError(.invalidResponse, "size \(size), expected \(9 << 20)") }
            return "9 MiB in parts, size matches"
        })
        checks.append(probe("delete") {
            for key in ["put.bin", "race.bin", "multipart.bin"] { try store.delete(base + key) }
            try store.delete(base + "put.bin")
            guard try !store.exists(base + "put.bin") else { throw StorageError(.io, "object still present") }
            return "deleted, repeat delete succeeds"
        })
        return checks
    }

    private func probe(_ name: String, _ body: () throws -> String) -> Check {
        do { return Check(name: name, ok: true, detail: try body()) }
        catch { return Check(name: name, ok: false, detail: "\(error)") }
    }

    /// "reachable" fails when no answer came back; "credentials accepted" when the answer was an auth error.
    private func reachability() -> [Check] {
        do {
            let page = try store.list(prefix: ".sluice-doctor", delimiter: "/", maxKeys: 1, continuationToken: nil)
            return [Check(name: "reachable", ok: true, detail: "\(store.uri) answered"),
                    Check(name: "credentials accepted", ok: true,
                          detail: "listed \(page.objects.count + page.commonPrefixes.count) entries")]
        } catch let error as StorageError where [.authentication, .accessDenied].contains(error.code) {
            return [Check(name: "reachable", ok: true, detail: "HTTP \(error.httpStatus.map(String.init) ?? "-") answer"),
                    Check(name: "credentials accepted", ok: false, detail: "\(error)")]
        } catch {
            return [Check(name: "reachable", ok: false, detail: "\(error)")]
        }
    }

    /// Two threads create the same key at once, then a third create must fail: exactly one winner.
    private func putIfAbsentCheck(_ key: String) -> Check {
        let outcomes = Outcomes()
        let group = DispatchGroup()
        for index in 0..<2 {
            group.enter()
            Thread.detachNewThread { [store] in
                defer { group.leave() }
                do { try store.putIfAbsent(key, [UInt8(index)]); outcomes.record("created") }
                catch let error as StorageError where error.code == .alreadyExists { outcomes.record("alreadyExists") }
                catch { outcomes.record("\(error)") }
            }
        }
        group.wait()
        var all = outcomes.values
        do { try store.putIfAbsent(key, [9]); all.append("created") }
        catch let error as StorageError where error.code == .alreadyExists { all.append("alreadyExists") }
        catch { all.append("\(error)") }
        let winners = all.filter { $0 == "created" }.count
        let detail = "answers: \(all.joined(separator: ", "))"
        if winners == 1 && all.filter({ $0 == "alreadyExists" }).count == 2 {
            return Check(name: "put-if-absent honoured", ok: true, detail: "exactly one winner; \(detail)")
        }
        return Check(name: "put-if-absent honoured", ok: false,
                     detail: "\(winners) winners; the store ignores If-None-Match and is UNSAFE for concurrent writers; \(detail)")
    }
}

private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String] = []
    func record(_ value: String) { lock.withLock { values.append(value) } }
}
