import Columnar

/// Ordering with SQL's float rules: NaN equals NaN and sorts above every number.
protocol SQLOrdered: BitwiseCopyable {
    static func sqlLess(_ a: Self, _ b: Self) -> Bool
    static func sqlEqual(_ a: Self, _ b: Self) -> Bool
}

extension SQLOrdered where Self: FixedWidthInteger {
    @inline(__always) static func sqlLess(_ a: Self, _ b: Self) -> Bool { a < b }
    @inline(__always) static func sqlEqual(_ a: Self, _ b: Self) -> Bool { a == b }
}

extension SQLOrdered where Self: BinaryFloatingPoint {
    @inline(__always) static func sqlLess(_ a: Self, _ b: Self) -> Bool { a < b || (b.isNaN && !a.isNaN) }
    @inline(__always) static func sqlEqual(_ a: Self, _ b: Self) -> Bool { a == b || (a.isNaN && b.isNaN) }
}

extension Int8: SQLOrdered {}
extension Int16: SQLOrdered {}
extension Int32: SQLOrdered {}
extension Int64: SQLOrdered {}
extension Int128: SQLOrdered {}
extension UInt8: SQLOrdered {}
extension UInt16: SQLOrdered {}
extension UInt32: SQLOrdered {}
extension UInt64: SQLOrdered {}
extension Float: SQLOrdered {}
extension Double: SQLOrdered {}

/// Generic kernels are written once and specialized per physical type by a visitor: `visitFixed` maps a
/// DataType to the Swift type its vector holds and calls the matching generic method.
protocol FixedWidthVisitor {
    associatedtype Result
    func visitInteger<T: FixedWidthInteger & SQLOrdered>(_ type: T.Type) throws -> Result
    func visitFloat<T: BinaryFloatingPoint & SQLOrdered>(_ type: T.Type) throws -> Result
}

/// Calls the visitor's method for the physical type of `type`; BOOLEAN is visited as UInt8.
func visitFixed<V: FixedWidthVisitor>(_ type: DataType, _ visitor: V) throws -> V.Result {
    switch type {
    case .boolean, .uint8: return try visitor.visitInteger(UInt8.self)
    case .int8: return try visitor.visitInteger(Int8.self)
    case .int16: return try visitor.visitInteger(Int16.self)
    case .int32, .date: return try visitor.visitInteger(Int32.self)
    case .int64, .time, .timestamp: return try visitor.visitInteger(Int64.self)
    case .uint16: return try visitor.visitInteger(UInt16.self)
    case .uint32: return try visitor.visitInteger(UInt32.self)
    case .uint64: return try visitor.visitInteger(UInt64.self)
    case .decimal(let p, _):
        return p <= 18 ? try visitor.visitInteger(Int64.self) : try visitor.visitInteger(Int128.self)
    case .float32: return try visitor.visitFloat(Float.self)
    case .float64: return try visitor.visitFloat(Double.self)
    default: throw ExecutionError(.internal, "No fixed-width kernel for \(type.sqlName)")
    }
}

/// True when `type` is handled by `visitFixed`.
func isFixedKernelType(_ type: DataType) -> Bool {
    switch type {
    case .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .date,
        .time, .timestamp, .decimal:
        true
    default: false
    }
}
