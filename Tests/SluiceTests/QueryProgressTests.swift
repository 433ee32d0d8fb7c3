import Foundation
import Testing
@testable import Sluice

@Suite struct QueryProgressTests {
    static let cities = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/demo/data/cities_1_insert.parquet").path

    func engine() -> SQLEngine { SQLEngine(tableFunctions: FileTableFunctions()) }

    @Test func scansCountFilesBytesAndRows() throws {
        let engine = engine()
        let result = try engine.execute("SELECT city FROM read_parquet('\(Self.cities)') WHERE country <> 'XX'")
        #expect(result.last?.rows.count == 3)
        let size = try FileManager.default.attributesOfItem(atPath: Self.cities)[.size] as? Int
        #expect(engine.progress.plannedFiles == 1)
        #expect(engine.progress.files == 1)
        #expect(engine.progress.bytes == size)
        #expect(engine.progress.rows == 3)
    }

    @Test func hudiScansCountTheirFileSlices() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let engine = try SQLWarehouse.engine(uri: root)
        _ = try engine.execute("""
            CREATE TABLE t (id INT, ts BIGINT, city STRING) USING hudi PARTITIONED BY (city)
            TBLPROPERTIES (primaryKey = 'id', preCombineField = 'ts');
            INSERT INTO t VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 1, 'b');
            """)
        engine.progress.reset()
        #expect(try engine.execute("SELECT id FROM t").last?.rows.count == 3)
        #expect(engine.progress.plannedFiles == 2)
        #expect(engine.progress.files == 2)
        #expect(engine.progress.bytes > 0)
        #expect(engine.progress.rows == 3)
    }

    @Test func anInterruptedStatementThrowsAndResetClearsIt() throws {
        let engine = engine()
        engine.progress.interrupt()
        #expect(throws: ExecutionError.self) { try engine.execute("SELECT * FROM read_parquet('\(Self.cities)')") }
        do {
            _ = try engine.execute("SELECT 1")
            Issue.record("an interrupted engine ran a statement")
        } catch let error as ExecutionError {
            #expect(error.code == .interrupted)
            #expect(error.message == "INTERRUPT Error: Interrupted!")
        }
        engine.progress.reset()
        #expect(try engine.execute("SELECT 1").last?.rows == [[.int(1)]])
        #expect(engine.progress.rows == 0 && engine.progress.files == 0)
    }
}
