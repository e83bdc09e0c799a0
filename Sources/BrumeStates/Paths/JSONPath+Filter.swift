import BrumeWire

/// The predicate inside `[?( ... )]`: comparisons, existence tests and their combinations.
indirect enum FilterExpression: Sendable, Equatable {
    /// `@.isbn` alone: true when the relative path selects something.
    case exists(FilterOperand)
    case compare(FilterOperand, FilterComparison, FilterOperand)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)

    /// Whether `item` (the `@` node) passes; `root` is what `$` names inside the filter.
    func matches(_ item: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .exists(let operand):
            return operand.value(item: item, root: root) != nil
        case .compare(let left, let comparison, let right):
            // A side that selects nothing makes every comparison false, as in Jayway.
            guard let lhs = left.value(item: item, root: root), let rhs = right.value(item: item, root: root) else {
                return false
            }
            return comparison.holds(lhs, rhs)
        case .and(let left, let right):
            return left.matches(item, root: root) && right.matches(item, root: root)
        case .or(let left, let right):
            return left.matches(item, root: root) || right.matches(item, root: root)
        case .not(let inner):
            return !inner.matches(item, root: root)
        }
    }
}

/// One side of a filter comparison.
enum FilterOperand: Sendable, Equatable {
    case literal(JSONValue)
    /// A path from the current item (`@.a.b`, `@[0]`, `@`).
    case current([JSONPath.Segment])
    /// A path from the document root (`$.limit`).
    case root([JSONPath.Segment])

    func value(item: JSONValue, root document: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .current(let segments): return FilterOperand.resolve(segments, from: item, root: document)
        case .root(let segments): return FilterOperand.resolve(segments, from: document, root: document)
        }
    }

    /// Follows a relative path; an indefinite one yields the array of its matches.
    private static func resolve(_ segments: [JSONPath.Segment], from start: JSONValue, root: JSONValue) -> JSONValue? {
        let path = JSONPath(text: "@", root: .input, segments: segments)
        if path.isDefinite { return try? path.evaluate(on: start) }
        var nodes = [start]
        for (position, segment) in segments.enumerated() {
            guard case .child(let selector) = segment else { return try? path.evaluate(on: start) }
            nodes = nodes.flatMap { JSONPath.apply(selector, to: $0, isLeaf: position == segments.count - 1, root: root) }
        }
        return .array(nodes)
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
enum FilterComparison: String, Sendable, Equatable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Numbers compare by value (`1 == 1.0`), strings by code point; ordering any other pair,
    /// or two values of different types, is false, and only `!=` holds across types.
    func holds(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch self {
        case .equal: return FilterComparison.equal(lhs, rhs)
        case .notEqual: return !FilterComparison.equal(lhs, rhs)
        default: break
        }
        let order: Int
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)):
            order = left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars) ? -1 : (left == right ? 0 : 1)
        default:
            guard let left = FilterComparison.number(lhs), let right = FilterComparison.number(rhs) else { return false }
            order = left < right ? -1 : (left == right ? 0 : 1)
        }
        switch self {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
