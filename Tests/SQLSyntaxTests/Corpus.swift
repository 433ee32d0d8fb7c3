import Foundation
import SQLLogicTest
import TestSupport

/// The shared corpus's SQLite sqllogictest files and the 22 TPC-H queries.
enum Corpus {
    static let root: URL? = SharedCorpus.root

    static var sqllogictestFiles: [URL] {
        guard let base = root?.appendingPathComponent("sqllogictest/sqlite") else { return [] }
        let select = (1...5).map { base.appendingPathComponent("select\($0).test") }
        let evidence = (try? FileManager.default.contentsOfDirectory(
            at: base.appendingPathComponent("evidence"), includingPropertiesForKeys: nil)) ?? []
        return select + evidence.filter { $0.pathExtension == "test" }.sorted { $0.path < $1.path }
    }

    static var tpchQueries: [URL] {
        guard let base = root?.appendingPathComponent("tpch/queries") else { return [] }
        return (1...22).map { base.appendingPathComponent("q\($0).sql") }
    }

    /// The SQL of every statement and query record, with whether a `sluice` engine would run it: its
    /// skipif/onlyif conditions allow it and no earlier applicable `halt` ended the file.
    static func commands(in file: URL) throws -> [(sql: String, location: RecordLocation, isOurs: Bool)] {
        let text = try String(contentsOf: file, encoding: .utf8)
        let records = try SQLLogicTestParser.parse(text, file: file.lastPathComponent)
        var halted = false
        var commands: [(sql: String, location: RecordLocation, isOurs: Bool)] = []
        for record in records {
            let applies = record.conditions.allSatisfy { condition in
                switch condition {
                case .skipIf: return true
                case .onlyIf: return false
                }
            }
            switch record.kind {
            case .halt where applies: halted = true
            case .statement(let statement):
                commands.append((statement.sql, record.location, applies && !halted))
            case .query(let query):
                commands.append((query.sql, record.location, applies && !halted))
            default: break
            }
        }
        return commands
    }
}
