/// Running each kind of record.
extension SQLLogicTestRunner {
    func run(_ records: ArraySlice<Record>, substitutions: [String: String],
             state: inout RunState) throws(SQLLogicTestError) {
        var index = records.startIndex
        while index < records.endIndex, !state.stopped {
            let record = records[index]
            index += 1
            switch record.kind {
            case .loop(let variable, let start, let end):
                let bodyEnd = try matchingEndLoop(records, from: index, opened: record.location)
                for value in start..<max(start, end) {
                    try run(records[index..<bodyEnd], substitutions: substitutions.merging([variable: String(value)]) { $1 },
                            state: &state)
                }
                index = bodyEnd + 1
            case .foreach(let variable, let values):
                let bodyEnd = try matchingEndLoop(records, from: index, opened: record.location)
                for value in values {
                    try run(records[index..<bodyEnd], substitutions: substitutions.merging([variable: value]) { $1 },
                            state: &state)
                }
                index = bodyEnd + 1
            case .endLoop:
                throw SQLLogicTestError(.unbalancedLoop, "endloop without loop", at: record.location)
            default:
                runSingle(record, substitutions: substitutions, state: &state)
            }
        }
        if state.stopped {
            let rest = records[index...].count { record in
                if case .statement = record.kind { return true }
                if case .query = record.kind { return true }
                return false
            }
            state.summary.skip(rest, because: state.stopReason)
        }
    }

    private func matchingEndLoop(_ records: ArraySlice<Record>, from start: Int,
                                 opened: RecordLocation) throws(SQLLogicTestError) -> Int {
        var depth = 1
        for index in start..<records.endIndex {
            switch records[index].kind {
            case .loop, .foreach: depth += 1
            case .endLoop:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        throw SQLLogicTestError(.unbalancedLoop, "loop without endloop", at: opened)
    }

    /// Why `record` does not run here (a condition, an unsupported feature), or nil when it runs.
    private func skipReason(_ record: Record) -> String? {
        for condition in record.conditions {
            switch condition {
            case .skipIf(let name) where configuration.engineNames.contains(name.lowercased()): return "skipif \(name)"
            case .onlyIf(let name) where !configuration.engineNames.contains(name.lowercased()): return "onlyif \(name)"
            default: continue
            }
        }
        let sql: String
        switch record.kind {
        case .statement(let statement): sql = statement.sql
        case .query(let query): sql = query.sql
        default: return nil
        }
        return configuration.unsupportedFeatures.first { $0.matches(sql) }?.name
    }

    private func runSingle(_ record: Record, substitutions: [String: String], state: inout RunState) {
        let isCommand: Bool
        switch record.kind {
        case .statement, .query: isCommand = true
        default: isCommand = false
        }
        if state.skipping, !(record.kind == .mode("unskip")) {
            if isCommand { state.summary.skip(because: "mode skip") }
            return
        }
        if let reason = skipReason(record) {
            if isCommand { state.summary.skip(because: reason) }
            return
        }
        switch record.kind {
        case .hashThreshold(let value): state.hashThreshold = value
        case .halt:
            state.stopped = true
            state.stopReason = "halt"
        case .require(let requirement):
            if !configuration.supportedRequirements.contains(requirement) {
                state.stopped = true
                state.stopReason = "require \(requirement)"
            }
        case .mode(let mode):
            if mode == "skip" { state.skipping = true }
            if mode == "unskip" { state.skipping = false }
        case .statement(let statement):
            state.summary.executed += 1
            note(runStatement(statement, substitutions), for: record, sql: statement.sql, state: &state)
        case .query(let query):
            state.summary.executed += 1
            note(runQuery(query, substitutions, state: &state), for: record, sql: query.sql, state: &state)
        case .loop, .foreach, .endLoop:
            break
        }
    }

    private func note(_ failure: String?, for record: Record, sql: String, state: inout RunState) {
        if let failure {
            state.summary.failures.append(Failure(location: record.location, sql: sql, message: failure))
        } else {
            state.summary.passed += 1
        }
    }

    static func substitute(_ text: String, _ substitutions: [String: String]) -> String {
        var result = text
        for (name, value) in substitutions {
            result = result.replacing("${\(name)}", with: value).replacing("{\(name)}", with: value)
        }
        return result
    }
}
