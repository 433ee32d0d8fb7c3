import Dispatch
import Foundation
import SQLExecution
import SQLPlanner
import Testing

/// One memory budget per statement, shared by its blocking operators through reservations: together they
/// stay within the spill threshold, so a plan with an aggregate feeding a sort spills where each alone fits.
@Suite struct SharedBudgetTests {
    @Test func reservationsShareTheThreshold() {
        let budget = MemoryBudget(limit: 1_000)
        let a = budget.reserve(), b = budget.reserve()
        #expect(a.resize(to: 400))
        #expect(!b.resize(to: 200))
        #expect(b.bytes == 0 && budget.reservedBytes == 400)
        #expect(b.resize(to: 100))
        #expect(!a.resize(to: 401))
        // The whole limit for what an operator needs even after spilling.
        #expect(b.resize(to: 600, ceiling: budget.limit))
        a.release()
        #expect(budget.reservedBytes == 600)
        do {
            let c = budget.reserve()
            #expect(c.resize(to: 300, ceiling: budget.limit))
            #expect(budget.reservedBytes == 900)
        }
        // A reservation given up by its operator (deallocated) returns its bytes.
        #expect(budget.reservedBytes == 600)
        #expect(budget.peakReservedBytes == 1_000)
    }

    @Test func reservationsFromManyThreadsBalance() {
        let budget = MemoryBudget(limit: 1 << 20)
        DispatchQueue.concurrentPerform(iterations: 16) { task in
            let mine = budget.reserve()
            for step in 0..<1_000 { _ = mine.resize(to: (task * 7 + step) % 50_000) }
            mine.release()
        }
        #expect(budget.reservedBytes == 0)
        #expect(budget.peakReservedBytes <= budget.spillThreshold)
    }

    /// At 1MB, sorting the 7,919 aggregated rows alone fits in memory; sorting them as they come out of the
    /// aggregate, whose output still holds its reservation, does not, so the sort spills. Either way the rows
    /// are those of the unlimited run.
    @Test func anAggregateAndASortShareOneBudget() throws {
        let directory = try SpillTests.freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try SpillTests.engine(temporaryDirectory: directory)
        let grouped = "SELECT s, count(*) AS c, sum(i) AS total FROM t GROUP BY s"
        let sql = grouped + " ORDER BY c DESC, s"
        let unlimited = try SpillTests.rows(engine, sql)
        _ = try engine.execute("CREATE TABLE agg AS " + grouped)
        _ = try engine.execute("SET memory_limit = '1MB'")
        #expect(try SpillTests.rows(engine, sql) == unlimited)
        let both = try SpillTests.explain(engine, sql).split(separator: "\n")
        #expect(both.first { $0.contains("ORDER_BY") }?.contains("spilled runs=") == true)
        let alone = try SpillTests.explain(engine, "SELECT s, c, total FROM agg ORDER BY c DESC, s")
        #expect(alone.contains("ORDER_BY") && !alone.contains("spilled"))
        #expect(try SpillTests.rows(engine, "SELECT s, c, total FROM agg ORDER BY c DESC, s") == unlimited)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
