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
            state.summary.skipped += records[index...].count { record in
                if case .statement = record.kind { return true }
                if case .query = record.kind { return true }
                return false
            }
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

    private func applies(_ record: Record) -> Bool {
        record.conditions.allSatisfy { condition in
            switch condition {
            case .skipIf(let name): return !configuration.engineNames.contains(name.lowercased())
            case .onlyIf(let name): return configuration.engineNames.contains(name.lowercased())
            }
        }
    }

    private func runSingle(_ record: Record, substitutions: [String: String], state: inout RunState) {
        let isCommand: Bool
        switch record.kind {
        case .statement, .query: isCommand = true
        default: isCommand = false
        }
        if state.skipping, !(record.kind == .mode("unskip")) {
            if isCommand { state.summary.skipped += 1 }
            return
        }
        guard applies(record) else {
            if isCommand { state.summary.skipped += 1 }
            return
        }
        switch record.kind {
        case .hashThreshold(let value): state.hashThreshold = value
        case .halt: state.stopped = true
        case .require(let requirement):
            if !configuration.supportedRequirements.contains(requirement) { state.stopped = true }
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
