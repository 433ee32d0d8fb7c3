import Foundation
import Testing
@testable import Storage

/// Against the local SeaweedFS (scripts/s3-server.sh start); skipped with a message when it is not running.
@Suite(.enabled(if: S3TestServer.isRunning, S3TestServer.skipMessage), .serialized)
struct S3ServerTests {
    @Test func wrongSecretIsACleanAuthenticationError() throws {
        let store = try S3TestServer.store("auth", secret: "not-the-secret")
        do {
            try store.put("k", [1])
            Issue.record("a PUT with a wrong secret succeeded")
        } catch let error as StorageError {
            #expect(error.code == .authentication)
            #expect(error.httpStatus == 403)
            #expect(error.s3Code == "SignatureDoesNotMatch")
            #expect(error.message.hasPrefix("S3 error SignatureDoesNotMatch on PUT \(store.uri)/k: "))
        }
        #expect(errorCode { _ = try store.list(prefix: "", delimiter: nil, maxKeys: 1, continuationToken: nil) }
                == .authentication)
    }

    @Test func missingObjectIsNotFoundWithItsURI() throws {
        let store = try S3TestServer.store("missing")
        do {
            _ = try store.get("nope")
            Issue.record("GET of a missing key succeeded")
        } catch let error as StorageError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("\(store.uri)/nope"))
            #expect(error.message.contains("NoSuchKey"))
        }
    }

    @Test func sixteenConcurrentCreatorsOneWinnerTwentyTimes() throws {
        let store = try S3TestServer.store("race")
        for round in 0..<20 {
            let outcomes = race(16) { index in errorCode { try store.putIfAbsent("commit/\(round)", pattern(64, seed: UInt64(index))) } }
            #expect(outcomes.filter { $0 == nil }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 15, "round \(round): \(outcomes)")
        }
    }

    @Test func listingOverAThousandKeysPages() throws {
        let store = try S3TestServer.store("many")
        let keys = (0..<1100).map { String(format: "k/%05d", $0) }
        _ = race(8) { worker in
            for index in stride(from: worker, to: keys.count, by: 8) { try? store.put(keys[index], [UInt8(index & 0xFF)]) }
            return 0
        }
        let first = try store.list(prefix: "k/", delimiter: nil, maxKeys: 1000, continuationToken: nil)
        #expect(first.objects.count == 1000)
        #expect(first.continuationToken != nil)
        #expect(try store.listAll(prefix: "k/").objects.map(\.key) == keys)
    }

    @Test func fiftyMebibyteMultipartObject() throws {
        let store = try S3TestServer.store("multipart")
        let bytes = pattern(50 << 20, seed: 50)
        try store.put("big.bin", bytes)
        let meta = try store.head("big.bin")
        #expect(meta.size == 50 << 20)
        #expect(meta.etag?.hasSuffix("-7\"") == true, "multipart ETag: \(meta.etag ?? "none")")
        #expect(try store.get("big.bin") == bytes)
        #expect(try store.get("big.bin", range: (20 << 20)..<((20 << 20) + 1000)) == Array(bytes[(20 << 20)..<((20 << 20) + 1000)]))
        try store.putIfAbsent("big-once.bin", Array(bytes[0..<(9 << 20)]))
        #expect(errorCode { try store.putIfAbsent("big-once.bin", Array(bytes[0..<(9 << 20)])) } == .alreadyExists)
        #expect(try MultipartUploads.pending(store).isEmpty)
    }

    @Test func openByURIUsesTheAWSEnvironment() throws {
        let env = try #require(S3TestServer.environment)
        let store = try ObjectStores.open(uri: "s3://\(env["S3_TEST_BUCKET"]!)/uri-\(UUID().uuidString.prefix(8))", environment: [
            "AWS_ACCESS_KEY_ID": env["AWS_ACCESS_KEY_ID"]!, "AWS_SECRET_ACCESS_KEY": env["AWS_SECRET_ACCESS_KEY"]!,
            "AWS_ENDPOINT_URL_S3": env["S3_ENDPOINT"]!, "AWS_DEFAULT_REGION": "us-east-1", "HOME": "/nonexistent"])
        try store.put("x", [4, 2])
        #expect(try store.get("x") == [4, 2])
        let (objectStore, key) = try ObjectStores.open(objectURI: store.uri + "/x", environment: [
            "AWS_ACCESS_KEY_ID": env["AWS_ACCESS_KEY_ID"]!, "AWS_SECRET_ACCESS_KEY": env["AWS_SECRET_ACCESS_KEY"]!,
            "AWS_ENDPOINT_URL_S3": env["S3_ENDPOINT"]!, "HOME": "/nonexistent"])
        #expect(try objectStore.get(key) == [4, 2])
    }

    @Test func doctorReportsAllOK() throws {
        let store = try S3TestServer.store("doctor")
        let checks = StoreDoctor(store: store).run()
        #expect(checks.count == 8)
        for check in checks { #expect(check.ok, "\(check.name): \(check.detail)") }
    }
}

/// ListMultipartUploads, to prove no upload was left behind.
enum MultipartUploads {
    static func pending(_ store: S3Store) throws -> [String] {
        let response = try store.send(store.request("GET", nil, query: [("uploads", ""), ("prefix", store.prefix)]),
                                      idempotent: true)
        guard response.status == 200 else { throw store.failure(response, "GET (list uploads)", store.uri) }
        return try S3XMLElement.parse(response.body).all("Upload").compactMap { $0.value("Key") }
    }
}
