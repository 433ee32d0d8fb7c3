/// The words the parser matches on, spelled as SQL spells them. A word is a keyword whatever its case; a
/// reserved keyword cannot be a bare alias or column name (quote it: `"select"`), the others can (`date`,
/// `key`, `type`, `location`, `comment` are common column names).
public enum Keyword: String, CaseIterable, Sendable {
    case add = "ADD"
    case all = "ALL"
    case alter = "ALTER"
    case analyze = "ANALYZE"
    case and = "AND"
    case anti = "ANTI"
    case `as` = "AS"
    case asc = "ASC"
    case begin = "BEGIN"
    case between = "BETWEEN"
    case by = "BY"
    case call = "CALL"
    case cascade = "CASCADE"
    case `case` = "CASE"
    case cast = "CAST"
    case collate = "COLLATE"
    case column = "COLUMN"
    case columns = "COLUMNS"
    case comment = "COMMENT"
    case commit = "COMMIT"
    case copy = "COPY"
    case create = "CREATE"
    case cross = "CROSS"
    case current = "CURRENT"
    case `default` = "DEFAULT"
    case delete = "DELETE"
    case desc = "DESC"
    case describe = "DESCRIBE"
    case distinct = "DISTINCT"
    case div = "DIV"
    case drop = "DROP"
    case `else` = "ELSE"
    case end = "END"
    case escape = "ESCAPE"
    case except = "EXCEPT"
    case exists = "EXISTS"
    case explain = "EXPLAIN"
    case extended = "EXTENDED"
    case extract = "EXTRACT"
    case `false` = "FALSE"
    case filter = "FILTER"
    case first = "FIRST"
    case following = "FOLLOWING"
    case `for` = "FOR"
    case from = "FROM"
    case full = "FULL"
    case glob = "GLOB"
    case group = "GROUP"
    case having = "HAVING"
    case `if` = "IF"
    case ilike = "ILIKE"
    case `in` = "IN"
    case index = "INDEX"
    case inner = "INNER"
    case insert = "INSERT"
    case intersect = "INTERSECT"
    case interval = "INTERVAL"
    case into = "INTO"
    case `is` = "IS"
    case isnull = "ISNULL"
    case join = "JOIN"
    case key = "KEY"
    case last = "LAST"
    case lateral = "LATERAL"
    case `left` = "LEFT"
    case like = "LIKE"
    case limit = "LIMIT"
    case location = "LOCATION"
    case matched = "MATCHED"
    case merge = "MERGE"
    case natural = "NATURAL"
    case not = "NOT"
    case notnull = "NOTNULL"
    case null = "NULL"
    case nulls = "NULLS"
    case of = "OF"
    case offset = "OFFSET"
    case on = "ON"
    case options = "OPTIONS"
    case or = "OR"
    case order = "ORDER"
    case outer = "OUTER"
    case over = "OVER"
    case overwrite = "OVERWRITE"
    case partition = "PARTITION"
    case partitioned = "PARTITIONED"
    case preceding = "PRECEDING"
    case primary = "PRIMARY"
    case purge = "PURGE"
    case range = "RANGE"
    case recursive = "RECURSIVE"
    case reindex = "REINDEX"
    case replace = "REPLACE"
    case restrict = "RESTRICT"
    case `right` = "RIGHT"
    case rollback = "ROLLBACK"
    case row = "ROW"
    case rows = "ROWS"
    case select = "SELECT"
    case semi = "SEMI"
    case `set` = "SET"
    case show = "SHOW"
    case start = "START"
    case systemTime = "SYSTEM_TIME"
    case table = "TABLE"
    case tables = "TABLES"
    case tblproperties = "TBLPROPERTIES"
    case temp = "TEMP"
    case temporary = "TEMPORARY"
    case then = "THEN"
    case timestamp = "TIMESTAMP"
    case to = "TO"
    case transaction = "TRANSACTION"
    case trigger = "TRIGGER"
    case `true` = "TRUE"
    case tryCast = "TRY_CAST"
    case `type` = "TYPE"
    case unbounded = "UNBOUNDED"
    case union = "UNION"
    case unique = "UNIQUE"
    case update = "UPDATE"
    case using = "USING"
    case values = "VALUES"
    case version = "VERSION"
    case view = "VIEW"
    case when = "WHEN"
    case `where` = "WHERE"
    case window = "WINDOW"
    case with = "WITH"
    case work = "WORK"

    /// Keywords that end or structure a clause, so a bare word with this spelling is never an alias.
    public var isReserved: Bool { Keyword.reservedWords.contains(self) }

    static let reservedWords: Set<Keyword> = [
        .all, .and, .anti, .as, .asc, .between, .by, .case,
        .cast, .collate, .cross, .desc, .distinct, .else, .end, .escape,
        .except, .exists, .false, .for, .from, .full, .glob,
        .group, .having, .ilike, .in, .inner, .intersect, .into, .is,
        .isnull, .join, .lateral, .left, .like, .limit, .natural, .not,
        .notnull, .null, .offset, .on, .or, .order, .outer, .over,
        .right, .select, .semi, .set, .then, .true, .union, .using,
        .values, .when, .where, .window, .with,
    ]

    /// The keyword spelled by `word` in any case, without building a String: up to 16 ASCII letters packed
    /// upper-cased into two words (no keyword is longer).
    static func lookup(_ word: ArraySlice<UInt8>) -> Keyword? {
        guard word.count <= 16, let key = PackedWord(word) else { return nil }
        return byPackedWord[key]
    }

    private static let byPackedWord: [PackedWord: Keyword] = {
        var table: [PackedWord: Keyword] = [:]
        for keyword in allCases {
            if let key = PackedWord(Array(keyword.rawValue.utf8)[...]) { table[key] = keyword }
        }
        return table
    }()
}

/// Up to 16 bytes, ASCII letters upper-cased, as a cheap dictionary key.
struct PackedWord: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init?(_ word: ArraySlice<UInt8>) {
        guard word.count <= 16 else { return nil }
        var shift: UInt64 = 0
        for byte in word {
            guard byte < 0x80 else { return nil }
            let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            if shift < 64 { low |= UInt64(upper) << shift } else { high |= UInt64(upper) << (shift - 64) }
            shift += 8
        }
    }
}
