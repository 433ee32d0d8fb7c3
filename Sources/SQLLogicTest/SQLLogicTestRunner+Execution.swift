/// Executing statements and queries and judging their outcomes.
extension SQLLogicTestRunner {
    /// Nil when the statement behaved as expected, else why not.
    func runStatement(_ statement: StatementRecord, _ substitutions: [String: String]) -> String? {
        let sql = Self.substitute(statement.sql, substitutions)
        do {
            _ = try engine.execute(sql)
            switch statement.expectation {
            case .ok, .maybe: return nil
            case .error: return "statement succeeded but an error was expected"
            }
        } catch {
            switch statement.expectation {
            case .maybe: return nil
            case .ok: return "statement failed: \(error)"
            case .error(let message):
                guard let message else { return nil }
                return Self.errorMatches(String(describing: error), message)
                    ? nil : "expected error \"\(message)\", got \"\(error)\""
            }
        }
    }

    /// DuckDB's matchers: a substring, or `<REGEX>:pattern` / `<!REGEX>:pattern`.
    static func errorMatches(_ error: String, _ expected: String) -> Bool {
        for (prefix, wanted) in [("<REGEX>:", true), ("<!REGEX>:", false)] where expected.hasPrefix(prefix) {
            guard let regex = try? Regex(String(expected.dropFirst(prefix.count))) else { return false }
            return (error.firstMatch(of: regex) != nil) == wanted
        }
        return error.contains(expected)
    }

    func runQuery(_ query: QueryRecord, _ substitutions: [String: String], state: inout RunState) -> String? {
        let sql = Self.substitute(query.sql, substitutions)
        let outcome: QueryOutcome
        do {
            outcome = try engine.execute(sql)
        } catch {
            return "query failed: \(error)"
        }
        let columns = query.columnTypes.count
        guard outcome.columnCount == columns else {
            return "wrong number of result columns: expected \(columns), got \(outcome.columnCount)"
        }
        var values: [String] = []
        values.reserveCapacity(outcome.rows.count * columns)
        for row in outcome.rows {
            guard row.count == columns else {
                return "a row has \(row.count) values for \(columns) columns"
            }
            for (value, type) in zip(row, query.columnTypes) { values.append(ResultFormatter.render(value, as: type)) }
        }
        values = ResultComparison.sorted(values, columns: columns, mode: query.sortMode)
        if let label = query.label {
            let hash = ResultComparison.hash(values)
            if let earlier = state.labels[label], earlier != hash {
                return "label \(label): result hash \(hash) differs from an earlier query's \(earlier)"
            }
            state.labels[label] = hash
        }
        let expected = query.expected.map { Self.substitute($0, substitutions) }
        return ResultComparison.mismatch(values: values, columns: columns, mode: query.sortMode, expected: expected,
                                         hashThreshold: state.hashThreshold)
    }
}
