import Foundation
import Sluice
import TestSupport
import Testing

/// Tables written by INSERT ... PARTITION into a table whose TBLPROPERTIES URL-encode partition paths and carry
/// extra hoodie.* keys read the same in hudi-rs: the overwritten partition holds only its new rows, and
/// hoodie.properties holds the passed-through keys.
@Suite(.enabled(if: DevPython.available, "needs the dev Python with hudi-rs (.venv or $SLUICE_PYTHON)"))
struct InsertPartitionInteropTests {
    static func hudiRs(_ path: String) throws -> String {
        try DevPython.output("""
            import hudi
            t = hudi.HudiTableBuilder.from_base_uri('\(path)').build()
            rows = sorted((r['id'], r['dir'], r['_hoodie_partition_path']) for b in t.read() for r in b.to_pylist())
            print(' '.join(f'{i}:{d}:{p}' for i, d, p in rows))
            print(t.hudi_options().get('hoodie.database.name'), t.hudi_options().get('hoodie.spark.sql.insert.into.operation'))
            """)
    }

    @Test func staticPartitionWritesReadTheSameInHudiRs() throws {
        let warehouse = FileManager.default.temporaryDirectory.appendingPathComponent("insert-partition-interop-\(getpid())").path
        try? FileManager.default.removeItem(atPath: warehouse)
        defer { try? FileManager.default.removeItem(atPath: warehouse) }
        let engine = try SQLWarehouse.engine(uri: warehouse)
        _ = try engine.execute("""
            CREATE TABLE paths (id INT, dir STRING) PRIMARY KEY (id) PARTITIONED BY (dir)
                TBLPROPERTIES ('hoodie.datasource.write.partitionpath.urlencode' = 'true',
                               'hoodie.spark.sql.insert.into.operation' = 'upsert', 'hoodie.database.name' = 'sales_db');
            INSERT INTO paths PARTITION (dir = 'a/b') VALUES (1), (2);
            INSERT INTO paths PARTITION (dir = 'c') VALUES (3);
            INSERT OVERWRITE paths PARTITION (dir = 'c') VALUES (4)
            """)
        #expect(try Self.hudiRs(warehouse + "/paths") == "1:a/b:dir=a%2Fb 2:a/b:dir=a%2Fb 4:c:dir=c\nsales_db upsert")
    }
}
