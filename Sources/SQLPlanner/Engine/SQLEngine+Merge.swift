import Columnar
import SQLExecution
import SQLSyntax

/// MERGE INTO as one upsert commit. The statement becomes one query over `source LEFT JOIN target ON condition`:
/// each data column is a CASE over the WHEN clauses in order (the first whose guard holds wins), a row no clause
/// takes is filtered out, and rows a DELETE clause takes carry a TRUE delete marker.
extension SQLEngine {
    static let deleteMarker = "_sluice_merge_delete"
    static let matchedMarker = "_sluice_merge_matched"

    func merge(_ merge: Merge) throws -> QueryResult {
        let table = try writableTable(merge.target)
        let properties = table.properties
        guard !properties.primaryKey.isEmpty else {
            throw PlannerError(.binder, "MERGE INTO \(merge.target) needs a table with a primary key (at \(merge.target.location))")
        }
        let target = merge.targetAlias ?? merge.target.name
        let source = try mergeSource(merge.source)
        // Key columns are never NULL in a keyed table, so a NULL key means the source row matched nothing.
        let matched = Expression(.isNull(Self.column(target, properties.primaryKey[0]), negated: true))
        var guards: [Expression] = []
        for clause in merge.clauses {
            let side = clause.matched ? matched : Expression(.unary(.not, matched))
            guards.append(clause.condition.map { Expression(.binary(.and, side, $0)) } ?? side)
        }
        var items = try table.dataSchema.fields.map { field in
            let branches = try zip(merge.clauses, guards).map { clause, guardExpression in
                CaseBranch(condition: guardExpression, result: try mergeValue(clause, field: field.name, table: table, target: target, source: source))
            }
            return Self.item(Expression(.caseWhen(operand: nil, branches: branches, otherwise: nil)), field.name)
        }
        let deletes = merge.clauses.contains { $0.action == .delete }
        if deletes {
            let branches = zip(merge.clauses, guards).map { clause, guardExpression in
                CaseBranch(condition: guardExpression, result: Expression(.literal(.boolean(clause.action == .delete))))
            }
            items.append(Self.item(Expression(.caseWhen(operand: nil, branches: branches, otherwise: nil)), Self.deleteMarker))
        }
        items.append(Self.item(matched, Self.matchedMarker))
        let anyClause = guards.dropFirst().reduce(guards[0]) { Expression(.binary(.or, $0, $1)) }
        let join = TableReference(.join(Join(kind: .left, left: merge.source, right: Self.reference(merge.target, alias: merge.targetAlias),
                                            condition: .on(merge.condition))))
        let bound = try binder().bindQuery(Self.select(items, from: join, where: anyClause))
        let extra = (deletes ? [Self.deleteMarker] : []) + [Self.matchedMarker]
        let batches = try run(conformed(bound.plan, to: table, extra: extra))
        try checkSingleMatch(batches, table: table, name: merge.target)
        let keep = Array(0..<(table.dataSchema.fields.count + (deletes ? 1 : 0)))
        var iterator = batches.lazy.map { batch in
            Batch(schema: Schema(keep.map { batch.schema.fields[$0] }), columns: keep.map { batch.columns[$0] }, count: batch.count,
                  selection: batch.selection)
        }.makeIterator()
        let write = TableWrite(.upsert, deleteMarkerColumn: deletes ? Self.deleteMarker : nil)
        let result = try self.write(next: { iterator.next() }, into: table, name: merge.target, as: write)
        return .message("MERGE", rowCount: result.rowCount)
    }

    /// The source's qualifier (alias or table name; nil for an unaliased subquery) and column names.
    private func mergeSource(_ source: TableReference) throws -> (qualifier: Identifier?, columns: [String]) {
        let star = SelectItem(.wildcard(qualifier: []))
        let names = try binder().bindQuery(Query(body: .select(Select(items: [star], from: [source])))).names
        switch source.kind {
        case .table(let name, _, let alias): return (alias?.name ?? name.name, names)
        case .subquery(_, let alias, _), .function(_, let alias), .path(_, let alias), .parenthesized(_, let alias):
            return (alias?.name, names)
        case .join: return (nil, names)
        }
    }

    /// What one clause writes into `field`.
    private func mergeValue(_ clause: MergeClause, field: String, table: any WritableTable, target: Identifier,
                            source: (qualifier: Identifier?, columns: [String])) throws -> Expression {
        let fixed = table.properties.primaryKey + table.properties.partitionFields
        let isFixed = fixed.contains { $0.lowercased() == field.lowercased() }
        func fromSource() throws -> Expression {
            guard let name = source.columns.first(where: { $0.lowercased() == field.lowercased() }) else {
                throw PlannerError(.binder, "MERGE: the source has no column \(field) for the target's column of that name")
            }
            return Self.column(source.qualifier, name)
        }
        switch clause.action {
        case .delete: return Self.column(target, field)
        case .updateAll: return isFixed ? Self.column(target, field) : try fromSource()
        case .insertAll: return try fromSource()
        case .update(let assignments):
            guard let assignment = assignments.last(where: { $0.column.last.map { Scope.matches($0, field) } ?? false }) else {
                return Self.column(target, field)
            }
            if isFixed {
                throw PlannerError(.binder, "Detected update query with updating primary key or partition column is not allowed: \(field) (at \(assignment.value.location))")
            }
            return assignment.value
        case .insert(let columns, let values):
            let names = columns.isEmpty ? table.dataSchema.fields.map { Identifier($0.name) } : columns
            guard names.count == values.count else {
                throw PlannerError(.binder, "MERGE: INSERT lists \(names.count) columns and \(values.count) values")
            }
            return names.firstIndex { Scope.matches($0, field) }.map { values[$0] } ?? Expression(.literal(.null))
        }
    }

    /// Spark's rule: a target row matched by several source rows is an error, not a silent choice. Checked by
    /// the executor's hash aggregate: the matched rows' keys grouped, the first key counted twice reported.
    private func checkSingleMatch(_ batches: [Batch], table: any WritableTable, name: QualifiedName) throws {
        let fields = table.dataSchema.fields
        let keys = table.properties.primaryKey.compactMap { key in fields.firstIndex { $0.name.lowercased() == key.lowercased() } }
        guard let schema = batches.first?.schema else { return }
        let rows = MemoryTable(schema: schema, batches: batches.map { $0.compacted() })
        let matched = schema.fields.count - 1
        let scan = LogicalPlan.scan(TableScan(name: "merge", provider: rows, projection: Array(schema.fields.indices), filters: []))
        let grouped = LogicalPlan.aggregate(.filter(scan, .column(matched, .boolean)),
                                            groups: keys.map { .column($0, fields[$0].type) }, aggregates: [AggregateExpression(.countStar)])
        let twice = try PhysicalExpression.compare(.greater, .column(keys.count, .int64), .literal(.int(1), .int64))
        guard let repeated = try run(.limit(.filter(grouped, twice), limit: 1, offset: 0)).first(where: { $0.rowCount > 0 }) else { return }
        let row = repeated.physicalRow(0)
        let key = (0..<keys.count).map { "\(repeated.columns[$0].value(at: row))" }.joined(separator: ",")
        throw PlannerError(.binder, "MERGE INTO \(name): several source rows match the target row with key \(key); a target row can be updated or deleted once")
    }
}
