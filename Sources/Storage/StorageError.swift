/// The Storage module's one error type: a closed `code` the layers above can switch on (a lost create race is
/// `.alreadyExists`, a missing object `.notFound`), and a message naming the object (`s3://b/k`, `/path/k`)
/// and, for S3, the server's error code, message and request id.
public struct StorageError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: String, Sendable {
            case notFound, alreadyExists, accessDenied, authentication, invalidKey, invalidURI, configuration
            case io, http, s3, timeout, connection, preconditionFailed, invalidResponse, unsupported
        }
        let value: Value
        /// The object does not exist (404 NoSuchKey, ENOENT).
        public static let notFound = Code(value: .notFound)
        /// A create-if-absent lost: the object already exists (412, EEXIST).
        public static let alreadyExists = Code(value: .alreadyExists)
        /// The credentials are valid but do not allow the operation (403 AccessDenied, EACCES).
        public static let accessDenied = Code(value: .accessDenied)
        /// The server rejected the credentials or signature (SignatureDoesNotMatch, InvalidAccessKeyId).
        public static let authentication = Code(value: .authentication)
        /// The key escapes the store's root or is otherwise malformed.
        public static let invalidKey = Code(value: .invalidKey)
        /// The store URI cannot be parsed.
        public static let invalidURI = Code(value: .invalidURI)
        /// Missing or malformed credentials, region, endpoint or profile.
        public static let configuration = Code(value: .configuration)
        /// A local file-system failure.
        public static let io = Code(value: .io)
        /// An HTTP status with no S3 error document.
        public static let http = Code(value: .http)
        /// Any other S3 error document (code, message, request id in the message).
        public static let s3 = Code(value: .s3)
        /// No answer in time.
        public static let timeout = Code(value: .timeout)
        /// Connection refused, reset or closed early.
        public static let connection = Code(value: .connection)
        /// A conditional request's precondition failed (other than create-if-absent).
        public static let preconditionFailed = Code(value: .preconditionFailed)
        /// The server's answer could not be parsed.
        public static let invalidResponse = Code(value: .invalidResponse)
        /// The store cannot do what was asked (for example an https endpoint without TLS support).
        public static let unsupported = Code(value: .unsupported)

        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String
    /// For S3 failures: the HTTP status, the S3 error code and the request id, when the server sent them.
    public var httpStatus: Int?
    public var s3Code: String?
    public var requestID: String?

    public init(_ code: Code, _ message: String, httpStatus: Int? = nil, s3Code: String? = nil,
                requestID: String? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.s3Code = s3Code
        self.requestID = requestID
    }

    public var description: String { message }

    /// Whether a retry of an idempotent request may succeed.
    var isTransient: Bool {
        switch code.value {
        case .timeout, .connection: return true
        case .http, .s3:
            if let s3Code, ["SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout"].contains(s3Code) {
                return true
            }
            return [500, 502, 503, 504].contains(httpStatus ?? 0)
        default: return false
        }
    }
}
