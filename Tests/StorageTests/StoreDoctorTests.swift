import Foundation
import Testing
@testable import Storage

@Suite struct StoreDoctorTests {
    @Test(arguments: [StoreKind.local, .memory])
    func localStoresPassEveryCheck(kind: StoreKind) throws {
        let checks = StoreDoctor(store: try kind.make()).run()
        #expect(checks.map(\.name) == ["reachable", "credentials accepted", "list", "put", "range get",
                                       "put-if-absent honoured", "multipart", "delete"])
        for check in checks { #expect(check.ok, "\(check.name): \(check.detail)") }
    }

    @Test func serverIgnoringIfNoneMatchIsUnsafe() throws {
        let server = try FakeS3Server()
        defer { server.stop() }
        let config = S3Config(credentials: S3Credentials(accessKeyID: "k", secretAccessKey: "s"),
                              endpoint: "http://127.0.0.1:\(server.port)")
        let checks = StoreDoctor(store: try S3Store(bucket: "b", config: config)).run()
        let byName = Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
        let race = try #require(byName["put-if-absent honoured"])
        #expect(!race.ok)
        #expect(race.detail.contains("UNSAFE for concurrent writers"))
        for name in ["reachable", "credentials accepted", "list", "put", "range get", "multipart", "delete"] {
            #expect(byName[name]?.ok == true, "\(name): \(byName[name]?.detail ?? "missing")")
        }
    }

    @Test(.enabled(if: S3TestServer.isRunning, S3TestServer.skipMessage))
    func wrongSecretFailsCredentials() throws {
        let checks = StoreDoctor(store: try S3TestServer.store("doctor-auth", secret: "wrong")).run()
        #expect(checks.map(\.ok) == [true, false])
        #expect(checks.last?.detail.contains("SignatureDoesNotMatch") == true)
    }

    @Test func unreachableEndpointFailsFirstCheck() throws {
        let config = S3Config(credentials: S3Credentials(accessKeyID: "k", secretAccessKey: "s"),
                              endpoint: "http://127.0.0.1:1")
        var quick = config
        quick.maxAttempts = 1
        let checks = StoreDoctor(store: try S3Store(bucket: "b", config: quick)).run()
        #expect(checks.count == 1)
        #expect(checks.first?.ok == false)
        #expect(checks.first?.detail.contains("127.0.0.1:1") == true)
    }
}
