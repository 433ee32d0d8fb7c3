import Foundation
import Testing
import Storage
@testable import TableFormat

@Suite("Timeline writer")
struct TimelineWriterTests {
    static func config(version: Int) throws -> HoodieTableConfig {
        try HoodieTableConfig(entries: [("hoodie.table.name", "t"), ("hoodie.table.type", "COPY_ON_WRITE"),
                                        ("hoodie.table.version", String(version)),
                                        ("hoodie.timeline.layout.version", version == 6 ? "1" : "2"),
                                        ("hoodie.table.timeline.timezone", "UTC")])
    }

    static func stores() throws -> [any ObjectStore] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-writer-\(UUID().uuidString)").path
        return [MemoryStore(name: "timeline-writer"), try LocalStore(root: dir)]
    }

    /// A stand-in for layout 2 content: the Avro magic is all the writer checks.
    static let avroContent: [UInt8] = AvroObjectContainerFile.magic + [0]

    @Test("requested, inflight and completed files in layout 1 (v6) and 2 (v8)", arguments: [6, 8])
    func lifecycle(version: Int) throws {
        for store in try TimelineWriterTests.stores() {
            let writer = try HoodieTimelineWriter(store: store, basePath: "tables/t", config: TimelineWriterTests.config(version: version))
            let empty = try HoodieActiveTimeline.load(store: store, directory: writer.directory, layoutVersion: writer.layoutVersion)
            let time = writer.newInstantTime(after: empty)
            let requested = try writer.createRequested(action: .commit, time: time, content: [])
            let inflight = try writer.transitionToInflight(requested, content: [])
            #expect(inflight.fileName == "\(time).inflight")
            let done = try writer.complete(inflight, content: version == 6 ? Array("{}".utf8) : TimelineWriterTests.avroContent)
            let timeline = try HoodieActiveTimeline.load(store: store, directory: writer.directory, layoutVersion: writer.layoutVersion)
            #expect(timeline.instants == [done])
            #expect(timeline.completedCommits.map(\.requestedTime) == [time])
            let expectedDirectory = version == 6 ? "tables/t/.hoodie" : "tables/t/.hoodie/timeline"
            #expect(writer.directory == expectedDirectory)
            #expect(try store.exists(expectedDirectory + "/\(time).commit.requested"))
            if version == 6 {
                #expect(done.fileName == "\(time).commit")
            } else {
                let completion = try #require(done.completionTime)
                #expect(completion > time)
                #expect(done.fileName == "\(time)_\(completion).commit")
            }
        }
    }

    @Test("a second writer on the same instant gets a conflict, at every state")
    func conflicts() throws {
        let store = MemoryStore(name: "timeline-conflict")
        let writer = try HoodieTimelineWriter(store: store, basePath: "", config: TimelineWriterTests.config(version: 6))
        let requested = try writer.createRequested(action: .replaceCommit, time: "20260101000000000", content: [])
        #expect(requested.fileName == "20260101000000000.replacecommit.requested")
        let again = #expect(throws: TableFormatError.self) {
            _ = try writer.createRequested(action: .replaceCommit, time: "20260101000000000", content: [])
        }
        #expect(again?.code == .conflict)
        let inflight = try writer.transitionToInflight(requested, content: [])
        #expect(inflight.fileName == "20260101000000000.replacecommit.inflight")
        _ = try writer.complete(inflight, content: Array("{}".utf8))
        let twice = #expect(throws: TableFormatError.self) { _ = try writer.complete(inflight, content: Array("{}".utf8)) }
        #expect(twice?.code == .conflict)
        #expect(twice?.message.contains("20260101000000000.replacecommit") == true)
    }

    @Test("completing needs content, and Avro content in layout 2")
    func completionContent() throws {
        let store = MemoryStore(name: "timeline-content")
        let writer = try HoodieTimelineWriter(store: store, basePath: "t", config: TimelineWriterTests.config(version: 8))
        let inflight = try writer.transitionToInflight(try writer.createRequested(action: .commit, time: "20260101000000000", content: []), content: [])
        #expect(throws: TableFormatError.self) { _ = try writer.complete(inflight, content: []) }
        #expect(throws: TableFormatError.self) { _ = try writer.complete(inflight, content: Array("{}".utf8)) }
        #expect(throws: TableFormatError.self) { _ = try writer.transitionToInflight(inflight, content: []) }
        #expect(try HoodieActiveTimeline.load(store: store, directory: writer.directory, layoutVersion: 2).completedInstants.isEmpty)
    }

    @Test("new instants follow the clock, and are strictly after every instant on the timeline")
    func instantTimes() throws {
        var writer = try HoodieTimelineWriter(store: MemoryStore(name: "timeline-clock"), basePath: "", config: TimelineWriterTests.config(version: 8))
        // 2024-04-18T17:35:50.988Z
        writer.now = { Date(timeIntervalSince1970: 1_713_461_750.988) }
        let empty = HoodieActiveTimeline(instants: [], directory: "", layoutVersion: 2)
        #expect(writer.newInstantTime(after: empty) == "20240418173550988")
        let future = try #require(try HoodieInstant(fileName: "20240418173550990_20241231235959999.commit", layoutVersion: 2))
        let ahead = HoodieActiveTimeline(instants: [future], directory: "", layoutVersion: 2)
        #expect(writer.newInstantTime(after: ahead) == "20250101000000000")
        let legacy = try #require(try HoodieInstant(fileName: "20240418173551.commit", layoutVersion: 1))
        #expect(writer.newInstantTime(after: HoodieActiveTimeline(instants: [legacy], directory: "", layoutVersion: 1)) == "20240418173552000")
    }

    @Test("instant times and wall-clock milliseconds round-trip", arguments: [
        "19700101000000000", "20000229235959999", "20240418173550988", "21000301000000001", "19691231235959999",
    ])
    func millis(time: String) throws {
        let millis = try #require(HoodieInstantTime.wallClockMillis(time))
        #expect(HoodieInstantTime.format(wallClockMillis: millis) == time)
        #expect(HoodieInstantTime.format(wallClockMillis: millis + 1) > time)
    }

    @Test("impossible instant times have no milliseconds")
    func badMillis() {
        #expect(HoodieInstantTime.wallClockMillis("20241318000000000") == nil)
        #expect(HoodieInstantTime.wallClockMillis("2024") == nil)
    }
}
