import Columnar
import Testing
@testable import TextFormats

@Suite struct CSVErrorPolicyTests {
    static let text = "id,amount\n1,2.5\n2,abc\n3\n4,1.0,extra\n5,\"unterminated\n"

    func options(_ policy: ErrorPolicy) -> CSVOptions {
        var options = CSVOptions()
        options.schema = Schema([Field("id", .int64), Field("amount", .float64)])
        options.header = true
        options.onError = policy
        options.fileName = "in.csv"
        return options
    }

    @Test func failThrowsTheFirstErrorWithItsPlace() throws {
        #expect {
            _ = try readCSV(Self.text, options(.fail))
        } throws: { error in
            (error as? TextFormatError)?.message
                == "Conversion Error: file 'in.csv', line 3, column 'amount': could not convert 'abc' to DOUBLE"
        }
    }

    @Test func skipDropsRowsButCountsThem() throws {
        let (_, rows, reader) = try readCSV(Self.text, options(.skip))
        #expect(rows == [[.int(1), .float(2.5)]])
        #expect(reader.counts.read == 5 && reader.counts.accepted == 1 && reader.counts.rejected == 4)
        #expect(reader.takeRejected().isEmpty)
    }

    @Test func collectHandsBackEveryRejectedRecord() throws {
        let (_, rows, reader) = try readCSV(Self.text, options(.collect))
        #expect(rows.count == 1)
        let rejected = reader.takeRejected()
        #expect(rejected.map(\.line) == [3, 4, 5, 6])
        #expect(rejected[0].columnName == "amount" && rejected[0].value == "abc" && rejected[0].record == "2,abc")
        #expect(rejected[0].code == .conversion)
        #expect(rejected[1].reason == "expected 2 fields, found 1")
        #expect(rejected[2].record == "4,1.0,extra")
        #expect(rejected[3].reason == "unterminated quoted field")
        #expect(reader.counts.read == reader.counts.accepted + reader.counts.rejected)
    }

    @Test func rejectedRowsLeaveNoPartialValues() throws {
        // Row 2 fails in the second column after its first column was converted.
        var text = "a,b,c\n"
        for i in 0..<3_000 { text += i % 7 == 3 ? "\(i),x\(i),bad\n" : "\(i),x\(i),\(i)\n" }
        var options = CSVOptions()
        options.schema = Schema([Field("a", .int64), Field("b", .string), Field("c", .int32)])
        options.header = true
        options.onError = .collect
        let (_, rows, reader) = try readCSV(text, options)
        let expected = (0..<3_000).filter { $0 % 7 != 3 }.map { [Value.int(Int64($0)), .string("x\($0)"), .int(Int64($0))] }
        #expect(rows == expected)
        #expect(reader.takeRejected().count == 3_000 - expected.count)
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        var bytes = Array("a,b\n1,ok\n2,".utf8)
        bytes += [0x61, 0xFF, 0x62, 0x0A]
        #expect {
            _ = try readCSV(bytes, CSVOptions())
        } throws: { error in
            (error as? TextFormatError)?.message == "Invalid Input Error: line 3, column 'b': invalid UTF-8 byte 0xFF at byte 4 of the record"
        }
    }
}
