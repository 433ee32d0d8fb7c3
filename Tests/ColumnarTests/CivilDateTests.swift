import Testing
import Columnar

@Suite struct CivilDateTests {
    @Test func knownDates() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2024, month: 2, day: 29) == 19_782)
        #expect(CivilDate.civil(days: -1) == (1969, 12, 31))
        #expect(CivilDate.civil(days: 19_782) == (2024, 2, 29))
    }

    @Test func roundTripsAndNeverTraps() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let c = CivilDate.civil(days: days)
            #expect(CivilDate.days(year: c.year, month: c.month, day: c.day) == days)
        }
        for days in [Int64.min, Int64.max] { _ = CivilDate.civil(days: days) }
    }
}
