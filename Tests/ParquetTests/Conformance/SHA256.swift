import Crypto

/// The streaming SHA-256 of the conformance digests, over swift-crypto (BoringSSL's assembly block function),
/// so hashing the 2 GiB of `large_string_map` is fast even in a debug build. Small updates (a slot's null
/// flag, a length prefix) are gathered into whole blocks before they reach the library.
struct SHA256 {
    private var inner = Crypto.SHA256()
    private var pending: [UInt8] = []

    init() { pending.reserveCapacity(Self.batch) }

    private static let batch = 4096

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if pending.count &+ bytes.count <= Self.batch {
            pending.append(contentsOf: bytes)
            return
        }
        flush()
        if bytes.count < Self.batch {
            pending.append(contentsOf: bytes)
        } else {
            inner.update(bufferPointer: bytes)
        }
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    mutating func update(byte: UInt8) { withUnsafeBytes(of: byte) { update($0) } }

    /// Appends `value` as little-endian bytes.
    mutating func update<T: FixedWidthInteger>(littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { inner.update(bufferPointer: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// The digest as lower-case hex. The hasher is consumed.
    mutating func finalizeHex() -> String {
        flush()
        return LeafSummary.hex(inner.finalize())
    }

    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { hex($0) } }
}
