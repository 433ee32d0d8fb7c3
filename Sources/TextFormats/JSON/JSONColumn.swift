import Columnar

/// A schema field as the JSON converter walks it: its builder, its field names as bytes for key lookup, and
/// its children, mirroring the builder tree.
final class JSONColumn {
    let field: Field
    let builder: ColumnBuilder
    /// Dotted path for messages (`a.b`, `a[]`).
    let path: String
    /// The top-level column this one belongs to.
    let topIndex: Int
    let children: [JSONColumn]
    /// Struct field names, UTF-8.
    let names: [[UInt8]]

    convenience init(_ field: Field, path: String, topIndex: Int) {
        self.init(field, builder: ColumnBuilder(field.type), path: path, topIndex: topIndex)
    }

    private init(_ field: Field, builder: ColumnBuilder, path: String, topIndex: Int) {
        self.field = field
        self.builder = builder
        self.path = path
        self.topIndex = topIndex
        switch field.type {
        case .structure(let fields):
            children = zip(fields, builder.children).map { JSONColumn($0, builder: $1, path: "\(path).\($0.name)", topIndex: topIndex) }
            names = fields.map { Array($0.name.utf8) }
        case .list(let element):
            children = [JSONColumn(element, builder: builder.children[0], path: "\(path)[]", topIndex: topIndex)]
            names = []
        case .map(let key, let value):
            children = [
                JSONColumn(key, builder: builder.children[0], path: "\(path).key", topIndex: topIndex),
                JSONColumn(value, builder: builder.children[1], path: "\(path).value", topIndex: topIndex),
            ]
            names = []
        default:
            children = []
            names = []
        }
    }
}
