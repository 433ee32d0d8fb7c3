/// A name as written: `isQuoted` records `"Name"` or `` `Name` `` (case kept, keywords allowed) versus a bare word.
/// Resolving case is the binder's business, so the parser keeps the spelling.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var isQuoted: Bool
    @IgnoredByEquality public var location: SourceLocation

    public init(_ name: String, isQuoted: Bool = false, location: SourceLocation = .start) {
        self.name = name
        self.isQuoted = isQuoted
        self.location = location
    }

    public var description: String { SQLFormatter.identifier(self) }
}

/// A dotted name: `t`, `db.t`, `catalog.db.t`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) { self.parts = parts }

    /// The last part: the table, view or function name itself (the parser never builds an empty name).
    public var name: Identifier { parts.last ?? Identifier("") }
    public var location: SourceLocation { parts.first?.location ?? .start }

    public var description: String { parts.map(SQLFormatter.identifier).joined(separator: ".") }
}
