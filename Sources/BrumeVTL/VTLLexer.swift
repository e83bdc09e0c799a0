/// Reads a template's bytes for the parser.
///
/// VTL is modal: outside directives everything is text except `$`, `#` and `\`, while inside a
/// directive's parentheses it is an expression language. The parser scans text itself with the
/// byte helpers here and asks ``nextToken()`` for tokens only in expression mode.
struct VTLLexer {
    enum Token: Equatable {
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case comma, colon, dotDot, assign
        case op(String)
        case int(Int)
        case double(Double)
        case singleQuoted(String)
        /// A double-quoted string's raw content, parsed again as a template.
        case doubleQuoted(content: String, offset: Int)
        case word(String)
        /// A `$` starting a reference; the parser reads the reference from here.
        case dollar
        case end
    }

    let bytes: [UInt8]
    var offset = 0

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    var atEnd: Bool { offset >= bytes.count }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    func startsWith(_ text: String) -> Bool {
        var index = offset
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 95 }
    static func isIdentifierPart(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 95 }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// An identifier at the current offset (letters, digits, `_`, and `-` between them, as
    /// Velocity's references allow), or nil.
    mutating func identifier(allowHyphen: Bool = false) -> String? {
        guard let first = peek(), Self.isIdentifierStart(first) else { return nil }
        let start = offset
        offset += 1
        while let byte = peek() {
            if Self.isIdentifierPart(byte) {
                offset += 1
            } else if allowHyphen, byte == 45, let next = peek(1), Self.isIdentifierPart(next) {
                offset += 1
            } else {
                break
            }
        }
        return text(start, offset)
    }

    mutating func skipSpace() {
        while let byte = peek(), Self.isSpace(byte) { offset += 1 }
    }

    /// The 1-based line and column of a byte offset.
    func position(of target: Int) -> (line: Int, column: Int) {
        let place = walk { offset, _, _ in offset >= target }
        return (place.line, place.column)
    }

    /// Walks the text from the start, counting lines and columns (in characters, for UTF-8),
    /// until `stop` says so or the text ends.
    func walk(until stop: (_ offset: Int, _ line: Int, _ column: Int) -> Bool) -> (offset: Int, line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count, !stop(index, line, column) {
            if bytes[index] == 10 {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (index, line, column)
    }

    func error(_ message: String, at target: Int? = nil, kind: VTLError.Kind = .syntax) -> VTLError {
        let (line, column) = position(of: target ?? offset)
        return VTLError(kind, message, line: line, column: column)
    }

    /// The next token of an expression, skipping whitespace. Leaves `offset` after the token.
    mutating func nextToken() throws(VTLError) -> Token {
        skipSpace()
        guard let byte = peek() else { return .end }
        let start = offset
        offset += 1
        switch byte {
        case UInt8(ascii: "("): return .leftParen
        case UInt8(ascii: ")"): return .rightParen
        case UInt8(ascii: "["): return .leftBracket
        case UInt8(ascii: "]"): return .rightBracket
        case UInt8(ascii: "{"): return .leftBrace
        case UInt8(ascii: "}"): return .rightBrace
        case UInt8(ascii: ","): return .comma
        case UInt8(ascii: ":"): return .colon
        case UInt8(ascii: "$"): return .dollar
        case UInt8(ascii: "."):
            if peek() == UInt8(ascii: ".") {
                offset += 1
                return .dotDot
            }
            throw error("Unexpected '.'", at: start)
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "=") {
                offset += 1
                return .op("==")
            }
            return .assign
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") {
                offset += 1
                return .op("!=")
            }
            return .op("!")
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            if peek() == UInt8(ascii: "=") {
                offset += 1
                return .op(byte == UInt8(ascii: "<") ? "<=" : ">=")
            }
            return .op(byte == UInt8(ascii: "<") ? "<" : ">")
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            guard peek() == byte else { throw error("Unexpected '\(Character(Unicode.Scalar(byte)))'", at: start) }
            offset += 1
            return .op(byte == UInt8(ascii: "&") ? "&&" : "||")
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return .op(String(Character(Unicode.Scalar(byte))))
        case UInt8(ascii: "'"):
            return .singleQuoted(try quoted(quote: byte, start: start))
        case UInt8(ascii: "\""):
            let content = try quoted(quote: byte, start: start)
            return .doubleQuoted(content: content, offset: start + 1)
        default:
            if Self.isDigit(byte) {
                offset = start
                return try number()
            }
            if Self.isIdentifierStart(byte) {
                offset = start
                return .word(identifier()!)
            }
            throw error("Unexpected character", at: start)
        }
    }

    /// A quoted string's content. A doubled quote stands for one quote (Velocity 1.7); a
    /// backslash keeps the next character from ending the string and stays in the text.
    private mutating func quoted(quote: UInt8, start: Int) throws(VTLError) -> String {
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("Unterminated string", at: start) }
            offset += 1
            if byte == quote {
                if peek() == quote {
                    content.append(quote)
                    offset += 1
                    continue
                }
                return String(decoding: content, as: UTF8.self)
            }
            content.append(byte)
            if byte == UInt8(ascii: "\\"), let next = peek(), next == quote {
                if quote == UInt8(ascii: "\"") {
                    // \" inside a double-quoted string stands for the quote itself.
                    content.removeLast()
                }
                content.append(next)
                offset += 1
            }
        }
    }

    /// An integer or a decimal (`1.5`, never `1.` so that `[1..3]` reads as a range).
    private mutating func number() throws(VTLError) -> Token {
        let start = offset
        while let byte = peek(), Self.isDigit(byte) { offset += 1 }
        var isDouble = false
        if peek() == UInt8(ascii: "."), let next = peek(1), Self.isDigit(next) {
            isDouble = true
            offset += 1
            while let byte = peek(), Self.isDigit(byte) { offset += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var index = offset + 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if index < bytes.count, Self.isDigit(bytes[index]) {
                isDouble = true
                offset = index
                while let byte = peek(), Self.isDigit(byte) { offset += 1 }
            }
        }
        let literal = text(start, offset)
        if !isDouble, let value = Int(literal) { return .int(value) }
        guard let value = Double(literal) else { throw error("Bad number", at: start) }
        return .double(value)
    }
}
