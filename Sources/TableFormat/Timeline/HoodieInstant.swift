/// One instant of the timeline, as named by its file: `<requestedTime>.<action>[.<state>]` in layout 1, and
/// `<requestedTime>_<completionTime>.<action>` for completed instants in layout 2.
public struct HoodieInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum State: String, Sendable, Hashable, Comparable {
        case requested, inflight, completed
        private var rank: Int { self == .requested ? 0 : self == .inflight ? 1 : 2 }
        public static func < (a: State, b: State) -> Bool { a.rank < b.rank }
    }

    /// Hudi's actions. Unknown actions are kept by name so a newer timeline still lists.
    public struct Action: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let commit = Action(rawValue: "commit")
        public static let deltaCommit = Action(rawValue: "deltacommit")
        public static let replaceCommit = Action(rawValue: "replacecommit")
        public static let clustering = Action(rawValue: "clustering")
        public static let compaction = Action(rawValue: "compaction")
        public static let logCompaction = Action(rawValue: "logcompaction")
        public static let clean = Action(rawValue: "clean")
        public static let rollback = Action(rawValue: "rollback")
        public static let savepoint = Action(rawValue: "savepoint")
        public static let restore = Action(rawValue: "restore")
        public static let indexing = Action(rawValue: "indexing")
        public static let schemaCommit = Action(rawValue: "schemacommit")
        static let known: Set<String> = ["commit", "deltacommit", "replacecommit", "clustering", "compaction",
                                         "logcompaction", "clean", "rollback", "savepoint", "restore", "indexing",
                                         "schemacommit"]
        public var description: String { rawValue }
        /// Actions whose completed instants write data files: what reads and time travel look at.
        public var writesData: Bool { self == .commit || self == .deltaCommit || self == .replaceCommit }
    }

    public var requestedTime: String
    /// Layout 2 only; layout 1 records none (Java falls back to the file's modification time).
    public var completionTime: String?
    public var action: Action
    public var state: State
    /// The timeline file this instant was read from.
    public var fileName: String

    public init(requestedTime: String, completionTime: String? = nil, action: Action, state: State, fileName: String) {
        self.requestedTime = requestedTime
        self.completionTime = completionTime
        self.action = action
        self.state = state
        self.fileName = fileName
    }

    public var isCompleted: Bool { state == .completed }

    /// The time incremental reads order commits by: the completion time in layout 2, the requested time in
    /// layout 1 (which has no other).
    public var orderingTime: String { completionTime ?? requestedTime }

    public static func < (a: HoodieInstant, b: HoodieInstant) -> Bool {
        (a.requestedTime, a.state, a.action.rawValue) < (b.requestedTime, b.state, b.action.rawValue)
    }

    public var description: String {
        "\(requestedTime)\(completionTime.map { "_" + $0 } ?? "").\(action)" + (state == .completed ? "" : ".\(state)")
    }
}

extension HoodieInstant {
    /// Parses a timeline file name. Returns nil for files that are not instants (`hoodie.properties`, folders,
    /// `*.crc`); throws for a name that looks like an instant but is malformed.
    public init?(fileName: String, layoutVersion: Int) throws {
        guard let first = fileName.first, first.isNumber else { return nil }
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count <= 3 else { throw HoodieInstant.bad(fileName, "expected <time>.<action>[.<state>]") }
        var times = parts[0].split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard times.count <= 2 else { throw HoodieInstant.bad(fileName, "more than one '_' in the time") }
        for time in times where !HoodieInstant.isInstantTime(time) {
            throw HoodieInstant.bad(fileName, "'\(time)' is not an instant time (yyyyMMddHHmmss[SSS])")
        }
        let requested = times.removeFirst()
        let completion = times.first
        var action = parts[1]
        var state = State.completed
        if parts.count == 3 {
            guard let s = State(rawValue: parts[2]), s != .completed else {
                throw HoodieInstant.bad(fileName, "unknown state '\(parts[2])'")
            }
            state = s
        } else if action == "inflight" {
            // The legacy short form `<t>.inflight` is a commit's inflight.
            action = "commit"
            state = .inflight
        } else if action == "requested" {
            throw HoodieInstant.bad(fileName, "a requested instant needs an action")
        }
        guard Action.known.contains(action) else { throw HoodieInstant.bad(fileName, "unknown action '\(action)'") }
        if completion != nil, state != .completed {
            throw HoodieInstant.bad(fileName, "only a completed instant carries a completion time")
        }
        if layoutVersion == 1, completion != nil {
            throw HoodieInstant.bad(fileName, "timeline layout 1 has no completion times")
        }
        self.init(requestedTime: requested, completionTime: completion, action: Action(rawValue: action), state: state,
                  fileName: fileName)
    }

    /// `yyyyMMddHHmmssSSS`, or the older 14-digit `yyyyMMddHHmmss`.
    public static func isInstantTime(_ text: String) -> Bool {
        (text.utf8.count == 17 || text.utf8.count == 14) && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func bad(_ fileName: String, _ why: String) -> TableFormatError {
        TableFormatError(.invalidInstant, "timeline file '\(fileName)' is not an instant: \(why)")
    }
}
