import Testing
import Storage
@testable import TableFormat

@Suite("Timeline")
struct TimelineTests {
    @Test("instant file names", arguments: [
        ("20240418173550988.commit.requested", 1, "20240418173550988", nil, "commit", HoodieInstant.State.requested),
        ("20240418173550988.inflight", 1, "20240418173550988", nil, "commit", .inflight),
        ("20240418173550988.commit", 1, "20240418173550988", nil, "commit", .completed),
        ("20240418173550988.replacecommit.inflight", 1, "20240418173550988", nil, "replacecommit", .inflight),
        ("20240418173550988.deltacommit", 1, "20240418173550988", nil, "deltacommit", .completed),
        ("20240418173550988.clean", 1, "20240418173550988", nil, "clean", .completed),
        ("20240418173550988.rollback.requested", 1, "20240418173550988", nil, "rollback", .requested),
        ("20240418173550988.savepoint", 1, "20240418173550988", nil, "savepoint", .completed),
        ("20240418173550988.restore.inflight", 1, "20240418173550988", nil, "restore", .inflight),
        ("20250713010535797_20250713010536200.commit", 2, "20250713010535797", "20250713010536200", "commit", .completed),
        ("20260307135707243.clustering.requested", 2, "20260307135707243", nil, "clustering", .requested),
        ("20240418173550.commit", 1, "20240418173550", nil, "commit", .completed),
    ] as [(String, Int, String, String?, String, HoodieInstant.State)])
    func parses(name: String, layout: Int, requested: String, completion: String?, action: String, state: HoodieInstant.State) throws {
        let instant = try #require(try HoodieInstant(fileName: name, layoutVersion: layout))
        #expect(instant.requestedTime == requested)
        #expect(instant.completionTime == completion)
        #expect(instant.action.rawValue == action)
        #expect(instant.state == state)
        #expect(instant.fileName == name)
    }

    @Test("bad instant names throw and name the file", arguments: [
        ("2024041817355098.commit", 1), ("20240418173550988.frobnicate", 1), ("20240418173550988.commit.done", 1),
        ("20240418173550988_20240418173551000.commit", 1), ("20240418173550988_2024.commit", 2),
        ("20240418173550988_20240418173551000.commit.inflight", 2), ("20240418173550988.requested", 1),
        ("20240418173550988.commit.requested.x", 1), ("2024041817355098a.commit", 1),
    ])
    func rejects(name: String, layout: Int) {
        let error = #expect(throws: TableFormatError.self) { _ = try HoodieInstant(fileName: name, layoutVersion: layout) }
        #expect(error?.code == .invalidInstant)
        #expect(error?.message.contains(name) == true)
    }

    @Test("non-instant files are skipped")
    func skips() throws {
        for name in ["hoodie.properties", "archived", ".aux", "history", "hoodie.properties.backup"] {
            #expect(try HoodieInstant(fileName: name, layoutVersion: 1) == nil)
        }
    }

    @Test("loading keeps each instant's furthest state; completed commits are the visible ones")
    func load() throws {
        let store = MemoryStore(name: "timeline-test")
        for name in ["100000000000000001.x", "hoodie.properties",
                     "20240101000000001.commit.requested", "20240101000000001.inflight", "20240101000000001.commit",
                     "20240101000000002.commit.requested", "20240101000000002.inflight",
                     "20240101000000003.replacecommit.requested", "20240101000000003.replacecommit.inflight",
                     "20240101000000003.replacecommit", "20240101000000004.clean.requested", "20240101000000004.clean"]
            where !name.hasPrefix("1000") {
            try store.put(".hoodie/" + name, [])
        }
        try store.put(".hoodie/archived/20230101000000001.commit", [])
        let timeline = try HoodieActiveTimeline.load(store: store, directory: ".hoodie", layoutVersion: 1)
        #expect(timeline.instants.map(\.description) == ["20240101000000001.commit", "20240101000000002.commit.inflight",
                                                         "20240101000000003.replacecommit", "20240101000000004.clean"])
        #expect(timeline.completedCommits.map(\.requestedTime) == ["20240101000000001", "20240101000000003"])
        #expect(timeline.pendingInstants.map(\.requestedTime) == ["20240101000000002"])
    }
}

@Suite("Instant times")
struct InstantTimeTests {
    @Test("instant times and ISO-8601 date-times", arguments: [
        ("20240418173550988", nil, "20240418173550988"), ("20240418173550", nil, "20240418173550999"),
        ("2024-04-18T17:35:50.988Z", nil, "20240418173550988"), ("2024-04-18 17:35:50", "UTC", "20240418173550000"),
        ("2024-04-18T19:35:50.988+02:00", "utc", "20240418173550988"), ("2024-04-18", nil, "20240418000000000"),
    ] as [(String, String?, String)])
    func parses(text: String, zone: String?, expected: String) throws {
        #expect(try HoodieInstantTime.parse(text, timelineTimezone: zone) == expected)
    }

    @Test("rejects other text", arguments: ["yesterday", "2024-13-45", "1713461750", ""])
    func rejects(text: String) {
        #expect(throws: TableFormatError.self) { _ = try HoodieInstantTime.parse(text, timelineTimezone: nil) }
    }
}
