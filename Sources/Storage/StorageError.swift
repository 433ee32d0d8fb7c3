/// Storage: the object-store protocol and its local, in-memory and S3 implementations.
/// It knows no file formats.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
