// SHA-256 and HMAC come from apple/swift-crypto: on Linux it is BoringSSL, whose SHA-256 uses the SHA-NI
// instructions. A payload hash per PUT is on the upload hot path (1 GiB hashed per GiB sent), so a hand-written
// SHA-256 would cost several times more CPU than the network copy itself.
import Crypto
import Foundation

/// AWS Signature Version 4, header authorization (`AWS4-HMAC-SHA256`), for S3.
///
/// CanonicalRequest = method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
/// HashedPayload; StringToSign = "AWS4-HMAC-SHA256" \n X-Amz-Date \n CredentialScope \n hex(SHA256(CanonicalRequest)).
/// S3 URIs are encoded once (no double encoding, no path normalization).
struct SigV4Signer: Sendable {
    var credentials: S3Credentials
    var region: String
    var service = "s3"

    /// Headers that proxies may change, never signed (botocore's list).
    static let unsignedHeaders: Set<String> = ["expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
                                               "authorization", "connection"]

    struct Signed {
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
    }

    /// Adds `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` and `authorization` to `request`.
    /// `request.path` and `request.query` must already be canonically encoded (see `S3URIEncoding`).
    @discardableResult
    func sign(_ request: inout HTTPRequest, payloadHash: String, date: Date) -> Signed {
        let amzDate = Self.amzDate(date)
        request.setHeader("x-amz-date", amzDate)
        request.setHeader("x-amz-content-sha256", payloadHash)
        if let token = credentials.sessionToken { request.setHeader("x-amz-security-token", token) }
        let headers = canonicalHeaders(request)
        let signedHeaders = headers.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            request.method, request.path, Self.canonicalQuery(request.query),
            headers.map { "\($0.0):\($0.1)\n" }.joined(), signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hexSHA256(Array(canonicalRequest.utf8)))"
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8),
                                                                  using: signingKey(day: day)))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        request.setHeader("authorization", authorization)
        return Signed(canonicalRequest: canonicalRequest, stringToSign: stringToSign, authorization: authorization)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    /// Lower-cased names, values trimmed with inner runs of spaces collapsed, sorted by name; `host` included.
    func canonicalHeaders(_ request: HTTPRequest) -> [(String, String)] {
        var merged: [String: String] = [:]
        for (name, value) in request.headers {
            let lower = name.lowercased()
            if Self.unsignedHeaders.contains(lower) { continue }
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[lower] = merged[lower].map { $0 + "," + trimmed } ?? trimmed
        }
        return merged.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    /// Pairs sorted by encoded name, then encoded value, joined as `name=value&...`.
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        query.map { (S3URIEncoding.encode($0.0), S3URIEncoding.encode($0.1)) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8)
                                   : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    static func amzDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    static func hexSHA256(_ bytes: UnsafeRawBufferPointer) -> String { hex(SHA256.hash(data: bytes)) }
    static func hexSHA256(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { hexSHA256($0) } }
    static let emptyPayloadHash = hexSHA256([UInt8]())
    static let unsignedPayload = "UNSIGNED-PAYLOAD"

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// S3's URI encoding: every byte except A-Z a-z 0-9 - _ . ~ is %XX (upper-case hex); `/` is kept in paths.
enum S3URIEncoding {
    static func encode(_ value: String, keepSlash: Bool = false) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
