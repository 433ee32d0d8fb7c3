/// Page CRCs (`PageHeader.crc`): standard CRC-32 (zlib's), over the page bytes as stored after the header.

import CZlib

public enum PageChecksum {
    /// The CRC-32 of `bytes`; compare its bit pattern with the header's i32.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var pointer = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var crc: UInt = 0
        var remaining = bytes.count
        while remaining > 0 {
            let n = min(remaining, 1 << 30)
            crc = CZlib.crc32(crc, pointer, UInt32(n))
            pointer += n
            remaining -= n
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
