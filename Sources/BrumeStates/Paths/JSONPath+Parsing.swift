import BrumeWire

extension JSONPath {
    /// Parses `text`: `$` (input), `$$` (Context object) or `$name` (a variable), then any
    /// number of `.name`, `.*`, `..name`, `..*` and bracket steps (`['a b']`, `["a"]`, `[0]`,
    /// `[-1]`, `[*]`, `[0,2]`, `['a','b']`, `[1:3]`, `[::2]`, `[?(@.price < 10)]`).
    ///
    /// - Throws: ``JSONPathSyntaxError`` for anything else; the validator reports it as an
    ///   invalid definition.
    init(_ text: String) throws(JSONPathSyntaxError) {
        if let segments = JSONPath.dottedNames(text) {
            self.init(text: text, root: .input, segments: segments)
            return
        }
        var parser = JSONPathParser(text: text)
        let root = try parser.parseRoot()
        let segments = try parser.parseSegments(inFilter: false)
        guard parser.atEnd else { throw parser.error("unexpected '\(parser.peek!)'") }
        self.init(text: text, root: root, segments: segments)
    }
}

extension JSONPath {
    /// The segments of `$.a.b_c` (ASCII letters, digits, `_` and `-` between dots), or nil for any
    /// other path. Most paths in definitions look like this and are parsed at every use; reading
    /// their UTF-8 bytes skips the general parser's `Character` array, with the same result.
    static func dottedNames(_ text: String) -> [Segment]? {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "$"), bytes.count > 2 else { return nil }
        var segments: [Segment] = []
        var index = bytes.index(after: bytes.startIndex)
        while index != bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index = bytes.index(after: index)
            let start = index
            while index != bytes.endIndex, isNameByte(bytes[index]) { index = bytes.index(after: index) }
            guard index != start else { return nil }
            segments.append(.child(.name(String(Substring(bytes[start..<index])))))
        }
        return segments
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }
}

/// A recursive-descent parser over the characters of one path; it lives for one parse.
struct JSONPathParser {
    let text: String
    private let characters: [Character]
    private var position = 0
    /// How deep the filter being read nests (`!`, `(`, and filters inside filters), and how many
    /// conditions the path holds so far: both are bounded, because the parser, the evaluation and
    /// the teardown of a filter recurse through its nesting, and a path of thousands of nested
    /// filters (`[?(@.a[?(@.b[?(...`) in a client's definition overflowed the stack.
    private var filterNesting = 0
    private var filterConditions = 0
    /// The deepest filter nesting accepted.
    static let maximumFilterNesting = 32
    /// The most filter conditions one path may hold.
    static let maximumFilterConditions = 256

    init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    var atEnd: Bool { position >= characters.count }
    var peek: Character? { atEnd ? nil : characters[position] }

    func error(_ reason: String) -> JSONPathSyntaxError { JSONPathSyntaxError(path: text, reason: reason) }

    private func peek(_ offset: Int) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard peek == character else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ character: Character) throws(JSONPathSyntaxError) {
        guard consume(character) else { throw error("expected '\(character)'\(atEnd ? " before the end" : " at offset \(position)")") }
    }

    private mutating func skipSpaces() {
        while let next = peek, next.isWhitespace { position += 1 }
    }

    mutating func parseRoot() throws(JSONPathSyntaxError) -> PathRoot {
        try expect("$")
        if consume("$") { return .context }
        guard let first = peek, first.isLetter || first == "_" else { return .input }
        var name = ""
        while let next = peek, next.isLetter || next.isNumber || next == "_" {
            name.append(next)
            position += 1
        }
        return .variable(name)
    }

    /// Steps until the end, or, inside a filter, until something that is not a step.
    mutating func parseSegments(inFilter: Bool) throws(JSONPathSyntaxError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while let next = peek {
            if next == "." {
                position += 1
                if consume(".") {
                    if peek == "[" {
                        position += 1
                        segments.append(.descendants(try parseBracket()))
                    } else {
                        segments.append(.descendants(try parseDotted(inFilter: inFilter)))
                    }
                } else {
                    segments.append(.child(try parseDotted(inFilter: inFilter)))
                }
            } else if next == "[" {
                position += 1
                segments.append(.child(try parseBracket()))
            } else if inFilter {
                break
            } else {
                throw error("unexpected '\(next)' at offset \(position)")
            }
        }
        return segments
    }

    /// A name after `.`: everything up to the next step; inside a filter also up to an operator.
    private mutating func parseDotted(inFilter: Bool) throws(JSONPathSyntaxError) -> JSONPath.Selector {
        if consume("*") { return .wildcard }
        var name = ""
        while let next = peek, next != ".", next != "[" {
            if inFilter, next.isWhitespace || "()<>=!&|,]".contains(next) { break }
            // `(` would start a Jayway function such as `length()`, which Step Functions refuses.
            if next == "(" || next == ")" || next == "]" || next.isWhitespace { throw error("unexpected '\(next)' at offset \(position)") }
            name.append(next)
            position += 1
        }
        guard !name.isEmpty else { throw error("expected a name at offset \(position)") }
        return .name(name)
    }

    /// The inside of `[...]`, with the opening bracket already consumed.
    private mutating func parseBracket() throws(JSONPathSyntaxError) -> JSONPath.Selector {
        skipSpaces()
        let selector: JSONPath.Selector
        if consume("*") {
            selector = .wildcard
        } else if consume("?") {
            try expect("(")
            let expression = try parseOr()
            skipSpaces()
            try expect(")")
            selector = .filter(expression)
        } else if peek == "'" || peek == "\"" {
            var names = [try parseQuoted()]
            skipSpaces()
            while consume(",") {
                skipSpaces()
                names.append(try parseQuoted())
                skipSpaces()
            }
            selector = names.count == 1 ? .name(names[0]) : .names(names)
        } else {
            selector = try parseIndexes()
        }
        skipSpaces()
        try expect("]")
        return selector
    }

    /// `0`, `-1`, `0,2`, `1:3`, `:2`, `::2`.
    private mutating func parseIndexes() throws(JSONPathSyntaxError) -> JSONPath.Selector {
        let first = try parseInteger()
        skipSpaces()
        if peek == ":" {
            var bounds: [Int?] = [first]
            while consume(":") {
                skipSpaces()
                bounds.append(try parseInteger())
                skipSpaces()
            }
            guard bounds.count <= 3 else { throw error("a slice takes at most start:end:step") }
            if bounds.count == 3, bounds[2] == 0 { throw error("a slice step cannot be zero") }
            return .slice(start: bounds[0], end: bounds[1], step: bounds.count == 3 ? bounds[2] : nil)
        }
        guard let first else { throw error("expected an index, a quoted name, '*' or a filter at offset \(position)") }
        var indexes = [first]
        while consume(",") {
            skipSpaces()
            guard let next = try parseInteger() else { throw error("expected an index at offset \(position)") }
            indexes.append(next)
            skipSpaces()
        }
        return indexes.count == 1 ? .index(first) : .indexes(indexes)
    }

    private mutating func parseInteger() throws(JSONPathSyntaxError) -> Int? {
        let start = position
        _ = consume("-")
        while let next = peek, next.isASCII, next.isNumber { position += 1 }
        let digits = String(characters[start..<position])
        if digits.isEmpty { return nil }
        guard let value = Int(digits) else { throw error("invalid index '\(digits)'") }
        return value
    }

    /// A single- or double-quoted string with `\` escaping the next character.
    private mutating func parseQuoted() throws(JSONPathSyntaxError) -> String {
        guard let quote = peek else { throw error("expected a quoted name") }
        position += 1
        var value = ""
        while let next = peek {
            position += 1
            if next == quote { return value }
            if next == "\\", let escaped = peek {
                position += 1
                value.append(escaped)
            } else {
                value.append(next)
            }
        }
        throw error("unterminated string")
    }

    // MARK: - Filters

    private mutating func parseOr() throws(JSONPathSyntaxError) -> FilterExpression {
        var expression = try parseAnd()
        while skipSpacesThenConsume("||") { expression = .or(expression, try parseAnd()) }
        return expression
    }

    private mutating func parseAnd() throws(JSONPathSyntaxError) -> FilterExpression {
        var expression = try parseUnary()
        while skipSpacesThenConsume("&&") { expression = .and(expression, try parseUnary()) }
        return expression
    }

    private mutating func parseUnary() throws(JSONPathSyntaxError) -> FilterExpression {
        filterNesting += 1
        filterConditions += 1
        defer { filterNesting -= 1 }
        guard filterNesting <= Self.maximumFilterNesting else {
            throw error("filters nest deeper than \(Self.maximumFilterNesting) levels at offset \(position)")
        }
        guard filterConditions <= Self.maximumFilterConditions else {
            throw error("more than \(Self.maximumFilterConditions) filter conditions at offset \(position)")
        }
        skipSpaces()
        if peek == "!", peek(1) != "=" {
            position += 1
            return .not(try parseUnary())
        }
        if consume("(") {
            let inner = try parseOr()
            skipSpaces()
            try expect(")")
            return inner
        }
        let left = try parseOperand()
        skipSpaces()
        for comparison in FilterComparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
        where skipSpacesThenConsume(comparison.rawValue) {
            skipSpaces()
            return .compare(left, comparison, try parseOperand())
        }
        guard case .literal = left else { return .exists(left) }
        throw error("a literal alone is not a filter condition")
    }

    private mutating func skipSpacesThenConsume(_ token: String) -> Bool {
        skipSpaces()
        let expected = Array(token)
        guard position + expected.count <= characters.count,
              Array(characters[position..<position + expected.count]) == expected else { return false }
        position += expected.count
        return true
    }

    private mutating func parseOperand() throws(JSONPathSyntaxError) -> FilterOperand {
        guard let next = peek else { throw error("expected a value before the end") }
        switch next {
        case "@":
            position += 1
            return .current(try parseSegments(inFilter: true))
        case "$":
            position += 1
            return .root(try parseSegments(inFilter: true))
        case "'", "\"":
            return .literal(.string(try parseQuoted()))
        default:
            let start = position
            while let character = peek, character.isLetter || character.isNumber || "+-.eE".contains(character) {
                position += 1
            }
            let word = String(characters[start..<position])
            switch word {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                if let integer = Int64(word) { return .literal(.int(integer)) }
                if let number = Double(word), number.isFinite { return .literal(.double(number)) }
                throw error("unexpected '\(word.isEmpty ? String(next) : word)' in filter at offset \(start)")
            }
        }
    }
}
