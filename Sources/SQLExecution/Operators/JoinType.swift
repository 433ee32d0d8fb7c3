import Columnar

/// Join types. Semi and anti joins output only the probe (left) columns.
public enum JoinType: String, Sendable, Hashable, CaseIterable {
    case inner, left, right, full, semi, anti
    /// `x NOT IN (subquery)`: like anti, but a NULL on either side makes the predicate NULL, never TRUE:
    /// an empty build side keeps every row; otherwise a NULL probe key, or any NULL build key, drops it.
    case nullAwareAnti = "null_aware_anti"

    var outputsBuildColumns: Bool { self == .inner || self == .left || self == .right || self == .full }
    var keepsUnmatchedProbe: Bool { self == .left || self == .full }
    var keepsUnmatchedBuild: Bool { self == .right || self == .full }

    func schema(_ probe: Schema, _ build: Schema) -> Schema {
        guard outputsBuildColumns else { return probe }
        func nullable(_ fields: [Field], _ yes: Bool) -> [Field] {
            fields.map { var f = $0; if yes { f.nullable = true }; return f }
        }
        return Schema(nullable(probe.fields, keepsUnmatchedBuild) + nullable(build.fields, keepsUnmatchedProbe))
    }
}
