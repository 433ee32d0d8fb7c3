import Testing
@testable import Columnar

@Suite struct VectorTests {
    @Test func roundTripsBoxedValues() {
        let type = DataType.structure([Field("a", .int32), Field("s", .string), Field("l", .list(Field("item", .float64)))])
        let values: [Value] = [
            .structure([.int(1), .string("x"), .list([.float(1.5), .null])]),
            .null,
            .structure([.null, .string(""), .list([])]),
        ]
        let vector = Vector(type: type, values: values)
        #expect(vector.count == 3)
        #expect(vector.nullCount == 1)
        #expect(vector.values == values)
    }

    @Test func validityCountsNulls() {
        var validity = Validity(allValid: 130)
        validity.set(0, valid: false)
        validity.set(64, valid: false)
        validity.set(129, valid: false)
        #expect(validity.nullCount(130) == 3)
        #expect(validity.nullCount(64) == 1)
    }

    @Test func decimalWidthFollowsPrecision() {
        #expect(DataType.decimal(precision: 18, scale: 2).fixedWidth == 8)
        #expect(DataType.decimal(precision: 38, scale: 2).fixedWidth == 16)
        let big = Vector(type: .decimal(precision: 38, scale: 0), values: [.decimal(Int128(Int64.max) * 1000)])
        #expect(big.value(at: 0) == .decimal(Int128(Int64.max) * 1000))
    }

    @Test func float16Conversion() {
        for f: Float in [0, 1, -2, 0.5, 65504, 6.1035156e-05, 5.9604645e-08] {
            #expect(Float16Bits.toFloat(Float16Bits.fromFloat(f)) == f)
        }
        #expect(Float16Bits.toFloat(0x7e00).isNaN)
    }
}

@Suite struct ByteBufferTests {
    @Test func appendUninitializedKeepsWhatWasWritten() {
        var buffer = ByteBuffer(bytes: [1, 2])
        let copy = buffer
        buffer.appendUninitialized(capacity: 8) { raw in
            raw[0] = 3
            raw[1] = 4
            return 2
        }
        #expect(buffer.bytes(0..<4) == [1, 2, 3, 4])
        #expect(copy.count == 2)
    }
}
