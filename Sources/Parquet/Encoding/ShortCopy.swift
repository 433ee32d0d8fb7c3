/// Copies of short byte-array values as whole 32-byte vectors: the output always has `slack` bytes of room
/// past the value, and a wide load is used only when the source has that many bytes left.
enum ShortCopy {
    static let slack = 64

    @inline(__always)
    static func copy(from source: UnsafeRawPointer, available: Int, length: Int, to out: UnsafeMutableRawPointer) {
        if length <= 32 && available >= 32 {
            out.storeBytes(of: source.loadUnaligned(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
        } else if length <= 64 && available >= 64 {
            out.storeBytes(of: source.loadUnaligned(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
            out.storeBytes(of: source.loadUnaligned(fromByteOffset: 32, as: SIMD32<UInt8>.self),
                           toByteOffset: 32, as: SIMD32<UInt8>.self)
        } else if length > 0 {
            out.copyMemory(from: source, byteCount: length)
        }
    }
}
