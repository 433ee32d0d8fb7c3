/// INT96 timestamps: 8 bytes LE nanoseconds within the day, then 4 bytes LE Julian day number.
public enum Int96 {
    /// The Julian day number of 1970-01-01.
    public static let julianDayOfEpoch: Int64 = 2_440_588
    public static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// `(julianDay - 2440588) * 86_400_000_000_000 + nanos` in wrapping Int64 arithmetic: values outside
    /// 1677-09-21 ... 2262-04-11 wrap rather than trap, as pyarrow's default does.
    @inlinable
    public static func nanosecondsSinceEpoch(nanos: Int64, julianDay: Int32) -> Int64 {
        (Int64(julianDay) &- julianDayOfEpoch) &* nanosecondsPerDay &+ nanos
    }

    /// The same, with overflow reported as nil (for callers that want a checked conversion).
    public static func checkedNanosecondsSinceEpoch(nanos: Int64, julianDay: Int32) -> Int64? {
        let (days, o1) = (Int64(julianDay) - julianDayOfEpoch).multipliedReportingOverflow(by: nanosecondsPerDay)
        let (sum, o2) = days.addingReportingOverflow(nanos)
        return o1 || o2 ? nil : sum
    }

    /// The raw pair of the value at byte `offset` of `bytes` (12 bytes must be there).
    @inlinable
    public static func raw(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (nanos: Int64, julianDay: Int32) {
        (Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)),
         Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)))
    }

    @inlinable
    static func nanosecondsSinceEpoch(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
        let (nanos, day) = raw(bytes, at: offset)
        return nanosecondsSinceEpoch(nanos: nanos, julianDay: day)
    }

    /// The 12 bytes for `nanosecondsSinceEpoch` (floor division, so nanos of day is in 0..<one day).
    public static func encode(nanosecondsSinceEpoch value: Int64) -> (nanos: Int64, julianDay: Int32) {
        var days = value / nanosecondsPerDay
        var nanos = value % nanosecondsPerDay
        if nanos < 0 {
            nanos += nanosecondsPerDay
            days -= 1
        }
        return (nanos, Int32(truncatingIfNeeded: days + julianDayOfEpoch))
    }
}
