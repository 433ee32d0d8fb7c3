import Columnar

/// struct.field, list[index] and map[key].
final class StructFieldNode: ExpressionNode {
    let child: ExpressionNode
    let index: Int
    let type: DataType

    init(child: ExpressionNode, index: Int, type: DataType) {
        self.child = child
        self.index = index
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let parent = try child.evaluate(batch)
        var field = parent.children[index]
        field.validity = Validity.intersect(field.validity, parent.validity)
        return field
    }
}

/// `list[i]` (1-based, negative from the end) or `map[key]`; NULL when absent.
final class ElementNode: ExpressionNode {
    let container: ExpressionNode
    let key: ExpressionNode
    let type: DataType

    init(container: ExpressionNode, key: ExpressionNode, type: DataType) {
        self.container = container
        self.key = key
        self.type = type
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let c = try container.evaluate(batch)
        let k = try key.evaluate(batch)
        var rows = ContiguousArray<Int32>(repeating: -1, count: batch.count)
        let isMap = if case .map = c.type { true } else { false }
        batch.forEachRow { i in
            if c.isNull(i) || k.isNull(i) { return }
            let range = c.childRange(at: i)
            if isMap {
                let wanted = k.value(at: i)
                if let hit = range.first(where: { c.children[0].value(at: $0) == wanted }) { rows[i] = Int32(hit) }
            } else {
                let n = k.buffer.load(i, as: Int64.self)
                let position = n > 0 ? Int64(range.lowerBound) + n - 1 : Int64(range.upperBound) + n
                if n != 0, position >= Int64(range.lowerBound), position < Int64(range.upperBound) {
                    rows[i] = Int32(position)
                }
            }
        }
        return c.children[isMap ? 1 : 0].gather(rows)
    }
}
