/// Parses template text into ``VTLNode``s: text, references and directives, with Velocity 1.7's
/// whitespace rules: the blanks and newline right after a directive are dropped (its tokens
/// include them), and so are the blanks right before a `#set`.
struct VTLParser {
    /// Nesting deeper than this (blocks, parentheses, literals, string interpolation) is refused,
    /// so that no template can exhaust the stack.
    static let maximumDepth = 100

    private var lexer: VTLLexer
    private var depth = 0
    private(set) var macros: [String: VTLMacro] = [:]

    init(_ source: String) {
        lexer = VTLLexer(source)
    }

    /// What stopped a block: the end of the text or one of the block directives.
    private enum Terminator {
        case endOfText
        case end
        case elseBranch
        case elseIf(VTLExpression)
    }

    mutating func parseTemplate() throws(VTLError) -> [VTLNode] {
        let (nodes, terminator, at) = try parseBlock()
        switch terminator {
        case .endOfText: return nodes
        case .end: throw lexer.error("#end without a matching block", at: at)
        case .elseBranch, .elseIf: throw lexer.error("#else without #if", at: at)
        }
    }

    private mutating func enter(_ at: Int) throws(VTLError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw lexer.error("Template nested more than \(Self.maximumDepth) levels deep", at: at, kind: .limit)
        }
    }

    // MARK: Text

    private mutating func parseBlock() throws(VTLError) -> ([VTLNode], Terminator, Int) {
        var nodes: [VTLNode] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty {
                nodes.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        while let byte = lexer.peek() {
            switch byte {
            case UInt8(ascii: "\\"):
                var count = 0
                while lexer.peek(count) == UInt8(ascii: "\\") { count += 1 }
                let next = lexer.peek(count)
                guard next == UInt8(ascii: "$") || next == UInt8(ascii: "#") else {
                    text.append(contentsOf: repeatElement(UInt8(ascii: "\\"), count: count))
                    lexer.offset += count
                    continue
                }
                text.append(contentsOf: repeatElement(UInt8(ascii: "\\"), count: count / 2))
                lexer.offset += count
                if count % 2 == 1 {
                    // An escaped reference or directive is written as it stands.
                    let start = lexer.offset
                    if next == UInt8(ascii: "$"), (try? parseReferenceIfAny()) != nil {
                        text.append(contentsOf: lexer.bytes[start..<lexer.offset])
                    } else {
                        lexer.offset = start + 1
                        text.append(next!)
                    }
                }
            case UInt8(ascii: "$"):
                let start = lexer.offset
                if let reference = try parseReferenceIfAny() {
                    flush()
                    nodes.append(.reference(reference))
                } else {
                    lexer.offset = start + 1
                    text.append(byte)
                }
            case UInt8(ascii: "#"):
                let start = lexer.offset
                if lexer.startsWith("##") {
                    skipLineComment()
                    continue
                }
                if lexer.startsWith("#*") {
                    try skipBlockComment()
                    continue
                }
                if lexer.startsWith("#[[") {
                    text.append(contentsOf: try unparsed())
                    continue
                }
                lexer.offset += 1
                let braced = lexer.peek() == UInt8(ascii: "{")
                if braced { lexer.offset += 1 }
                guard let name = lexer.identifier(), !braced || lexer.peek() == UInt8(ascii: "}") else {
                    lexer.offset = start + 1
                    text.append(byte)
                    continue
                }
                if braced { lexer.offset += 1 }
                switch name {
                case "end", "else", "elseif":
                    let terminator: Terminator
                    if name == "end" {
                        terminator = .end
                    } else if name == "else" {
                        terminator = .elseBranch
                    } else {
                        terminator = .elseIf(try parenthesizedCondition(start))
                    }
                    gobbleLine()
                    flush()
                    return (nodes, terminator, start)
                case "set":
                    trimIndentation(&text)
                    flush()
                    nodes.append(try parseSet(start))
                    gobbleLine()
                case "if":
                    flush()
                    nodes.append(try parseIf(start))
                case "foreach":
                    flush()
                    nodes.append(try parseForeach(start))
                case "break":
                    flush()
                    let save = lexer.offset
                    lexer.skipSpace()
                    if lexer.peek() == UInt8(ascii: "(") {
                        // #break($foreach): the scope to leave; only loops are scopes here.
                        lexer.offset += 1
                        lexer.skipSpace()
                        guard lexer.peek() == UInt8(ascii: "$") else { throw lexer.error("#break takes a scope reference") }
                        _ = try parseReferenceIfAny()
                        try expect(.rightParen)
                    } else {
                        lexer.offset = save
                    }
                    nodes.append(.breakLoop)
                    gobbleLine()
                case "stop":
                    flush()
                    nodes.append(.stop)
                    gobbleLine()
                case "macro":
                    flush()
                    try parseMacro(start)
                case "define":
                    flush()
                    nodes.append(try parseDefine(start))
                case "include", "parse", "evaluate":
                    throw lexer.error("#\(name) is not allowed in API Gateway mapping templates", at: start, kind: .refused)
                default:
                    let save = lexer.offset
                    if !braced {
                        lexer.skipSpace()
                    }
                    if lexer.peek() == UInt8(ascii: "(") {
                        flush()
                        nodes.append(try parseMacroCall(name, start))
                    } else {
                        lexer.offset = save
                        text.append(contentsOf: lexer.bytes[start..<save])
                    }
                }
            default:
                text.append(byte)
                lexer.offset += 1
            }
        }
        flush()
        return (nodes, .endOfText, lexer.offset)
    }

    /// `##` to the end of the line, newline included.
    private mutating func skipLineComment() {
        while let byte = lexer.peek() {
            lexer.offset += 1
            if byte == 10 { return }
        }
    }

    private mutating func skipBlockComment() throws(VTLError) {
        let start = lexer.offset
        lexer.offset += 2
        while !lexer.atEnd {
            if lexer.startsWith("*#") {
                lexer.offset += 2
                return
            }
            lexer.offset += 1
        }
        throw lexer.error("Unterminated #* comment", at: start)
    }

    /// `#[[ ... ]]#`: the content, written as it stands.
    private mutating func unparsed() throws(VTLError) -> ArraySlice<UInt8> {
        let start = lexer.offset
        lexer.offset += 3
        let contentStart = lexer.offset
        while !lexer.atEnd {
            if lexer.startsWith("]]#") {
                let content = lexer.bytes[contentStart..<lexer.offset]
                lexer.offset += 3
                return content
            }
            lexer.offset += 1
        }
        throw lexer.error("Unterminated #[[ block", at: start)
    }

    /// Drops the spaces and newline that end a directive's line.
    private mutating func gobbleLine() {
        var index = lexer.offset
        while index < lexer.bytes.count, lexer.bytes[index] == 32 || lexer.bytes[index] == 9 { index += 1 }
        if index < lexer.bytes.count, lexer.bytes[index] == 13 { index += 1 }
        if index < lexer.bytes.count, lexer.bytes[index] == 10 {
            lexer.offset = index + 1
        } else if index >= lexer.bytes.count {
            lexer.offset = index
        }
    }

    /// Drops the blanks before a `#set`: Velocity 1.7's `#set` token starts with them.
    private func trimIndentation(_ text: inout [UInt8]) {
        while let last = text.last, last == 32 || last == 9 { text.removeLast() }
    }

    // MARK: Directives

    private mutating func expect(_ token: VTLLexer.Token) throws(VTLError) {
        let at = lexer.offset
        let found = try lexer.nextToken()
        guard found == token else { throw lexer.error("Expected \(describe(token)), found \(describe(found))", at: at) }
    }

    private func describe(_ token: VTLLexer.Token) -> String {
        switch token {
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .colon: return "':'"
        case .dotDot: return "'..'"
        case .assign: return "'='"
        case .op(let op): return "'\(op)'"
        case .int, .double: return "a number"
        case .singleQuoted, .doubleQuoted: return "a string"
        case .word(let word): return "'\(word)'"
        case .dollar: return "a reference"
        case .end: return "the end of the template"
        }
    }

    private mutating func openParen(_ directive: Int) throws(VTLError) {
        lexer.skipSpace()
        guard lexer.peek() == UInt8(ascii: "(") else { throw lexer.error("Expected '(' after the directive", at: directive) }
        lexer.offset += 1
    }

    private mutating func parenthesizedCondition(_ start: Int) throws(VTLError) -> VTLExpression {
        try openParen(start)
        let condition = try parseExpression()
        try expect(.rightParen)
        return condition
    }

    private mutating func parseSet(_ start: Int) throws(VTLError) -> VTLNode {
        try openParen(start)
        lexer.skipSpace()
        guard lexer.peek() == UInt8(ascii: "$"), let target = try parseReferenceIfAny() else {
            throw lexer.error("#set needs a reference to assign to", at: start)
        }
        try expect(.assign)
        let value = try parseExpression()
        try expect(.rightParen)
        return .set(target: target, value: value, offset: start)
    }

    private mutating func parseIf(_ start: Int) throws(VTLError) -> VTLNode {
        try enter(start)
        defer { depth -= 1 }
        var condition = try parenthesizedCondition(start)
        gobbleLine()
        var branches: [(condition: VTLExpression, body: [VTLNode])] = []
        while true {
            let (body, terminator, _) = try parseBlock()
            branches.append((condition, body))
            switch terminator {
            case .endOfText: throw lexer.error("#if without #end", at: start)
            case .end: return .conditional(branches: branches, otherwise: nil)
            case .elseIf(let next): condition = next
            case .elseBranch:
                let (otherwise, last, at) = try parseBlock()
                switch last {
                case .end: return .conditional(branches: branches, otherwise: otherwise)
                case .endOfText: throw lexer.error("#if without #end", at: start)
                case .elseBranch, .elseIf: throw lexer.error("#else after #else", at: at)
                }
            }
        }
    }

    private mutating func parseForeach(_ start: Int) throws(VTLError) -> VTLNode {
        try enter(start)
        defer { depth -= 1 }
        try openParen(start)
        lexer.skipSpace()
        guard lexer.peek() == UInt8(ascii: "$"), let variable = try parseReferenceIfAny(), variable.steps.isEmpty else {
            throw lexer.error("#foreach needs a variable", at: start)
        }
        let keywordAt = lexer.offset
        guard try lexer.nextToken() == .word("in") else { throw lexer.error("Expected 'in' in #foreach", at: keywordAt) }
        let iterable = try parseExpression()
        try expect(.rightParen)
        gobbleLine()
        let body = try blockUntilEnd(start, "#foreach")
        return .foreach(variable: variable.name, iterable: iterable, body: body, offset: start)
    }

    private mutating func blockUntilEnd(_ start: Int, _ directive: String) throws(VTLError) -> [VTLNode] {
        let (body, terminator, at) = try parseBlock()
        switch terminator {
        case .end: return body
        case .endOfText: throw lexer.error("\(directive) without #end", at: start)
        case .elseBranch, .elseIf: throw lexer.error("#else without #if", at: at)
        }
    }

    private mutating func parseMacro(_ start: Int) throws(VTLError) {
        try enter(start)
        defer { depth -= 1 }
        try openParen(start)
        lexer.skipSpace()
        guard let name = lexer.identifier(allowHyphen: true) else { throw lexer.error("#macro needs a name", at: start) }
        var parameters: [String] = []
        while try nextListItem(start, "#macro") {
            guard lexer.peek() == UInt8(ascii: "$"), let parameter = try parseReferenceIfAny(), parameter.steps.isEmpty else {
                throw lexer.error("Bad #macro parameter", at: lexer.offset)
            }
            parameters.append(parameter.name)
        }
        gobbleLine()
        let body = try blockUntilEnd(start, "#macro")
        macros[name] = VTLMacro(parameters: parameters, body: body)
    }

    /// Moves to the next item of a macro's parameters or a macro call's arguments, which
    /// Velocity separates with spaces or commas; false (past the `)`) when the list ends.
    private mutating func nextListItem(_ start: Int, _ what: String) throws(VTLError) -> Bool {
        while true {
            lexer.skipSpace()
            guard let byte = lexer.peek() else { throw lexer.error("Unterminated \(what)(", at: start) }
            if byte == UInt8(ascii: ",") {
                lexer.offset += 1
                continue
            }
            if byte == UInt8(ascii: ")") {
                lexer.offset += 1
                return false
            }
            return true
        }
    }

    private mutating func parseDefine(_ start: Int) throws(VTLError) -> VTLNode {
        try enter(start)
        defer { depth -= 1 }
        try openParen(start)
        lexer.skipSpace()
        guard lexer.peek() == UInt8(ascii: "$"), let reference = try parseReferenceIfAny(), reference.steps.isEmpty else {
            throw lexer.error("#define needs a reference", at: start)
        }
        try expect(.rightParen)
        gobbleLine()
        let body = try blockUntilEnd(start, "#define")
        return .define(name: reference.name, body: body)
    }

    private mutating func parseMacroCall(_ name: String, _ start: Int) throws(VTLError) -> VTLNode {
        try enter(start)
        defer { depth -= 1 }
        lexer.offset += 1
        var arguments: [VTLExpression] = []
        while try nextListItem(start, "#\(name)") {
            arguments.append(try parseExpression())
        }
        return .macroCall(name: name, arguments: arguments, source: lexer.text(start, lexer.offset), offset: start)
    }

    // MARK: References

    /// Reads `$x`, `$!x`, `${x}`, `$!{x}` with their properties, calls and indexes; nil (and the
    /// offset unchanged) when the `$` starts no reference and is plain text.
    private mutating func parseReferenceIfAny() throws(VTLError) -> VTLReference? {
        let start = lexer.offset
        lexer.offset += 1
        var silent = false
        if lexer.peek() == UInt8(ascii: "!") {
            silent = true
            lexer.offset += 1
        }
        var braced = false
        if lexer.peek() == UInt8(ascii: "{") {
            braced = true
            lexer.offset += 1
        }
        guard let name = lexer.identifier(allowHyphen: true) else {
            lexer.offset = start
            return nil
        }
        try enter(start)
        defer { depth -= 1 }
        var steps: [VTLReference.Step] = []
        while true {
            if lexer.peek() == UInt8(ascii: "."), let next = lexer.peek(1), VTLLexer.isIdentifierStart(next) {
                lexer.offset += 1
                let member = lexer.identifier(allowHyphen: true)!
                if lexer.peek() == UInt8(ascii: "(") {
                    lexer.offset += 1
                    steps.append(.method(member, try parseArguments()))
                } else {
                    steps.append(.property(member))
                }
            } else if lexer.peek() == UInt8(ascii: "[") {
                lexer.offset += 1
                let index = try parseExpression()
                try expect(.rightBracket)
                steps.append(.index(index))
            } else {
                break
            }
        }
        if braced {
            guard lexer.peek() == UInt8(ascii: "}") else { throw lexer.error("Expected '}' to close ${", at: start) }
            lexer.offset += 1
        }
        return VTLReference(name: name, steps: steps, silent: silent, offset: start)
    }

    private mutating func parseArguments() throws(VTLError) -> [VTLExpression] {
        var arguments: [VTLExpression] = []
        lexer.skipSpace()
        if lexer.peek() == UInt8(ascii: ")") {
            lexer.offset += 1
            return arguments
        }
        while true {
            arguments.append(try parseExpression())
            let at = lexer.offset
            switch try lexer.nextToken() {
            case .comma: continue
            case .rightParen: return arguments
            case let other: throw lexer.error("Expected ',' or ')' in arguments, found \(describe(other))", at: at)
            }
        }
    }

    // MARK: Expressions

    private mutating func peekToken() throws(VTLError) -> VTLLexer.Token {
        let save = lexer.offset
        defer { lexer.offset = save }
        return try lexer.nextToken()
    }

    private mutating func parseExpression() throws(VTLError) -> VTLExpression {
        let start = lexer.offset
        try enter(start)
        defer { depth -= 1 }
        return try parseBinary(0)
    }

    /// The binary operators by precedence, loosest first, with their word forms.
    private static let precedence: [[(VTLLexer.Token, VTLOperator)]] = [
        [(.op("||"), .or), (.word("or"), .or)],
        [(.op("&&"), .and), (.word("and"), .and)],
        [(.op("=="), .equal), (.word("eq"), .equal), (.op("!="), .notEqual), (.word("ne"), .notEqual)],
        [(.op("<"), .less), (.word("lt"), .less), (.op(">"), .greater), (.word("gt"), .greater),
         (.op("<="), .lessOrEqual), (.word("le"), .lessOrEqual), (.op(">="), .greaterOrEqual), (.word("ge"), .greaterOrEqual)],
        [(.op("+"), .add), (.op("-"), .subtract)],
        [(.op("*"), .multiply), (.op("/"), .divide), (.op("%"), .remainder)],
    ]

    /// One precedence level: operands of the next level joined by this level's operators,
    /// left to right.
    private mutating func parseBinary(_ level: Int) throws(VTLError) -> VTLExpression {
        guard level < Self.precedence.count else { return try parseUnary() }
        var left = try parseBinary(level + 1)
        while true {
            let token = try peekToken()
            guard let op = Self.precedence[level].first(where: { $0.0 == token })?.1 else { return left }
            let at = lexer.offset
            _ = try lexer.nextToken()
            left = .binary(op, left, try parseBinary(level + 1), offset: at)
        }
    }

    private mutating func parseUnary() throws(VTLError) -> VTLExpression {
        let at = lexer.offset
        switch try peekToken() {
        case .op("!"), .word("not"):
            _ = try lexer.nextToken()
            try enter(at)
            defer { depth -= 1 }
            return .not(try parseUnary())
        case .op("-"):
            _ = try lexer.nextToken()
            try enter(at)
            defer { depth -= 1 }
            let operand = try parseUnary()
            switch operand {
            case .int(let value): return .int(-value)
            case .double(let value): return .double(-value)
            default: return .negate(operand, offset: at)
            }
        default:
            return try parsePrimary()
        }
    }

    private mutating func parsePrimary() throws(VTLError) -> VTLExpression {
        lexer.skipSpace()
        let at = lexer.offset
        let token = try lexer.nextToken()
        switch token {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .singleQuoted(let text): return .string(text)
        case .doubleQuoted(let content, let offset):
            if !content.utf8.contains(UInt8(ascii: "$")), !content.utf8.contains(UInt8(ascii: "#")) {
                return .string(content)
            }
            var inner = VTLParser(content)
            inner.depth = depth
            do {
                let nodes = try inner.parseTemplate()
                for (name, macro) in inner.macros { macros[name] = macro }
                return .interpolated(nodes)
            } catch {
                // Point at the place in the whole template, not in the string.
                let (line, column) = lexer.position(of: offset + inner.lexer.offsetOfLastError(error))
                throw VTLError(error.kind, error.message, line: line, column: column)
            }
        case .word("true"): return .bool(true)
        case .word("false"): return .bool(false)
        case .word("null"): return .null
        case .dollar:
            lexer.offset = at
            guard let reference = try parseReferenceIfAny() else { throw lexer.error("Expected a reference", at: at) }
            return .reference(reference)
        case .leftParen:
            let inner = try parseExpression()
            try expect(.rightParen)
            return inner
        case .leftBracket:
            if try peekToken() == .rightBracket {
                _ = try lexer.nextToken()
                return .list([])
            }
            let first = try parseExpression()
            if try peekToken() == .dotDot {
                _ = try lexer.nextToken()
                let last = try parseExpression()
                try expect(.rightBracket)
                return .range(first, last, offset: at)
            }
            var elements = [first]
            while true {
                let separatorAt = lexer.offset
                switch try lexer.nextToken() {
                case .comma: elements.append(try parseExpression())
                case .rightBracket: return .list(elements)
                case let other: throw lexer.error("Expected ',' or ']' in a list, found \(describe(other))", at: separatorAt)
                }
            }
        case .leftBrace:
            var entries: [(VTLExpression, VTLExpression)] = []
            if try peekToken() == .rightBrace {
                _ = try lexer.nextToken()
                return .map(entries)
            }
            while true {
                let key = try parseExpression()
                try expect(.colon)
                entries.append((key, try parseExpression()))
                let separatorAt = lexer.offset
                switch try lexer.nextToken() {
                case .comma: continue
                case .rightBrace: return .map(entries)
                case let other: throw lexer.error("Expected ',' or '}' in a map, found \(describe(other))", at: separatorAt)
                }
            }
        default:
            throw lexer.error("Expected a value, found \(describe(token))", at: at)
        }
    }
}

extension VTLLexer {
    /// The byte offset of an error this lexer raised, recovered from its line and column.
    func offsetOfLastError(_ error: VTLError) -> Int {
        guard error.line > 0 else { return 0 }
        return walk { $1 == error.line && $2 == error.column }.offset
    }
}
