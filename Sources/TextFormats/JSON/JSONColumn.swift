import Columnar

/// A schema field as the JSON converter walks it: its builder, its name as bytes for key lookup, and its
/// children, mirroring the builder tree.
final class JSONColumn {
    let field: Field
    let builder: ColumnBuilder
    /// Dotted path for messages (`a.b`, `a[]`).
    let path: String
    /// The top-level column this one belongs to.
    let topIndex: Int
    let children: [JSONColumn]
    /// The field's name in UTF-8, matched against object keys.
    let key: [UInt8]

    convenience init(_ field: Field, path: String, topIndex: Int) {
        self.init(field, builder: ColumnBuilder(field.type), path: path, topIndex: topIndex)
    }

    private init(_ field: Field, builder: ColumnBuilder, path: String, topIndex: Int) {
        self.field = field
        self.builder = builder
        self.path = path
        self.topIndex = topIndex
        key = Array(field.name.utf8)
        switch field.type {
        case .structure(let fields):
            children = zip(fields, builder.children).map { JSONColumn($0, builder: $1, path: "\(path).\($0.name)", topIndex: topIndex) }
        case .list(let element):
            children = [JSONColumn(element, builder: builder.children[0], path: "\(path)[]", topIndex: topIndex)]
        case .map(let key, let value):
            children = [
                JSONColumn(key, builder: builder.children[0], path: "\(path).key", topIndex: topIndex),
                JSONColumn(value, builder: builder.children[1], path: "\(path).value", topIndex: topIndex),
            ]
        default:
            children = []
        }
    }
}
