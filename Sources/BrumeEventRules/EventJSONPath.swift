import BrumeWire

/// A JSONPath in the small dialect EventBridge evaluates: `$`, then `.name`, `.*`, `[0]` and
/// `[*]` steps (and, where bracket notation is allowed, `['name']`).
///
/// A path with no wildcard names one value at most; a path with a wildcard selects every match
/// and yields them as an array, as Jayway-style JSONPath does.
struct EventJSONPath: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case name(String)
        case index(Int)
        case wildcard
    }

    let steps: [Step]

    /// The longest path PutTargets accepts, in characters.
    static let maximumLength = 256

    /// Parses `text`; `allowsBracketNames` admits `['name']` and `["name"]` steps, which
    /// InputPath takes and InputPathsMap does not.
    ///
    /// - Returns: nil when the text is not a path of this dialect.
    init?(_ text: String, allowsBracketNames: Bool) {
        var characters = Substring(text)
        guard characters.popFirst() == "$" else { return nil }
        var steps: [Step] = []
        while let next = characters.popFirst() {
            switch next {
            case ".":
                if characters.first == "*" {
                    characters.removeFirst()
                    steps.append(.wildcard)
                    continue
                }
                let name = characters.prefix { !EventJSONPath.endsName($0) }
                guard !name.isEmpty else { return nil }
                characters.removeFirst(name.count)
                steps.append(.name(String(name)))
            case "[":
                guard let close = characters.firstIndex(of: "]") else { return nil }
                let inside = characters[..<close]
                characters = characters[characters.index(after: close)...]
                if inside == "*" {
                    steps.append(.wildcard)
                } else if !inside.isEmpty, inside.allSatisfy(\.isASCIIDigit), let index = Int(inside) {
                    steps.append(.index(index))
                } else if allowsBracketNames, inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"",
                          inside.last == quote {
                    steps.append(.name(String(inside.dropFirst().dropLast())))
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        self.steps = steps
    }

    /// Characters that cannot be part of a dotted name: they start the next step or belong to
    /// syntax this dialect does not have (filters, unions, quoting).
    private static func endsName(_ character: Character) -> Bool {
        character == "." || character == "[" || character == "]" || character == "*" || character == "'"
            || character == "\"" || character == "(" || character == ")" || character == "?" || character.isWhitespace
    }

    var isDefinite: Bool { !steps.contains(.wildcard) }

    /// The value the path selects in `document`: the one value of a definite path, the array of
    /// matches of a path with a wildcard; nil when nothing matches.
    func select(in document: JSONValue) -> JSONValue? {
        var nodes = [document]
        for step in steps {
            nodes = nodes.flatMap { node -> [JSONValue] in
                switch (step, node) {
                case (.name(let name), .object(let object)): object[name].map { [$0] } ?? []
                case (.index(let index), .array(let elements)): elements.indices.contains(index) ? [elements[index]] : []
                case (.wildcard, .object(let object)): object.values
                case (.wildcard, .array(let elements)): elements
                default: []
                }
            }
        }
        if isDefinite { return nodes.first }
        return nodes.isEmpty ? nil : .array(nodes)
    }
}
