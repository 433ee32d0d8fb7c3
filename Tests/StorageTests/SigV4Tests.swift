import Foundation
import Testing
@testable import Storage

/// Vectors from botocore's S3SigV4Auth (scripts/gen_sigv4_vectors.py -> Fixtures/sigv4).
struct SigV4Vector: Decodable, CustomTestStringConvertible, Sendable {
    var name, method, bucket, body, accessKeyID, secretAccessKey, region, url: String
    var key: String?
    var query: [[String]]
    var headers: [String: String]
    var sessionToken: String?
    var unixTime: Double
    var canonicalRequest, stringToSign, authorization: String
    var testDescription: String { name }

    static let all: [SigV4Vector] = {
        let directory = repositoryRoot.appendingPathComponent("Fixtures/sigv4")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap {
            try? JSONDecoder().decode(SigV4Vector.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }()
}

struct RecordingTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws -> HTTPResponse { HTTPResponse(status: 200, headers: [], body: []) }
}

@Suite struct SigV4Tests {
    @Test func vectorsArePresent() { #expect(SigV4Vector.all.count >= 15) }

    @Test(arguments: SigV4Vector.all)
    func matchesBotocore(vector: SigV4Vector) throws {
        let credentials = S3Credentials(accessKeyID: vector.accessKeyID, secretAccessKey: vector.secretAccessKey,
                                        sessionToken: vector.sessionToken)
        let config = S3Config(credentials: credentials, region: vector.region, endpoint: "http://127.0.0.1:9000")
        let store = try S3Store(bucket: vector.bucket, prefix: "", config: config, transport: RecordingTransport())
        let body = Array(vector.body.utf8)
        var request = store.request(vector.method, vector.key, query: vector.query.map { ($0[0], $0[1]) },
                                    headers: vector.headers.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 },
                                    body: .bytes(body))
        let signed = store.signer.sign(&request, payloadHash: SigV4Signer.hexSHA256(body),
                                       date: Date(timeIntervalSince1970: vector.unixTime))
        #expect(signed.canonicalRequest == vector.canonicalRequest)
        #expect(signed.stringToSign == vector.stringToSign)
        #expect(signed.authorization == vector.authorization)
        // What goes on the wire is what was signed.
        #expect("http://127.0.0.1:9000" + request.target == Self.canonicalOrder(vector.url))
    }

    /// botocore keeps the caller's query order on the wire; we send canonical order. Same pairs either way.
    static func canonicalOrder(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return url }
        let pairs = url[url.index(after: mark)...].split(separator: "&").map(String.init).sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        return url[..<mark] + "?" + pairs.joined(separator: "&")
    }

    @Test func uriEncodingKeepsOnlyUnreserved() {
        #expect(S3URIEncoding.encode("a b+c=d%e~f/g") == "a%20b%2Bc%3Dd%25e~f%2Fg")
        #expect(S3URIEncoding.encode("a b/c", keepSlash: true) == "a%20b/c")
        #expect(S3URIEncoding.encode("é") == "%C3%A9")
    }

    @Test func payloadHashIsSHA256() {
        #expect(SigV4Signer.hexSHA256(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SigV4Signer.emptyPayloadHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
