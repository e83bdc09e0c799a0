import BrumeWire

/// Why an intrinsic expression does not parse, with the character offset it was noticed at.
struct IntrinsicSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    /// The offset, in Unicode scalars, from the start of the expression.
    var offset: Int

    var description: String { "\(message) at position \(offset)" }
}

/// Parses intrinsic expressions such as `States.Format('{} {}', $.a, States.UUID())`.
///
/// String literals are single-quoted; inside them `\'`, `\{`, `\}` and `\\` are the only escapes
/// (a lone backslash is an error, as AWS documents). Numbers follow JSON's grammar, so `1.` and
/// `.5` are refused. A path runs from `$` to the next `,` or `)` outside brackets and quotes, so
/// `$.abc.['def ghi']` and filter expressions stay whole.
struct IntrinsicParser {
    /// AWS documents that up to 10 intrinsic functions may be nested within one field; its own
    /// example counts every call in the expression, so that is what is counted here.
    static let maximumCalls = 10

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var calls = 0

    private init(_ expression: String) {
        scalars = Array(expression.unicodeScalars)
    }

    /// Parses a whole expression, which must be exactly one call.
    static func parse(_ expression: String) throws(IntrinsicSyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(expression)
        parser.skipWhitespace()
        let call = try parser.parseCall()
        parser.skipWhitespace()
        guard parser.position == parser.scalars.count else {
            throw parser.error("Unexpected '\(parser.scalars[parser.position])' after the closing parenthesis")
        }
        return call
    }

    /// Whether a `.$` value is meant as an intrinsic call rather than a path.
    static func looksLikeCall(_ value: String) -> Bool {
        value.drop(while: { $0 == " " }).hasPrefix("States.")
    }

    // MARK: - Grammar

    private mutating func parseCall() throws(IntrinsicSyntaxError) -> IntrinsicCall {
        let nameStart = position
        while let scalar = peek(), scalar == "." || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            position += 1
        }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<position]))
        guard !name.isEmpty else { throw error("Expected an intrinsic function name such as States.Format") }
        guard let function = IntrinsicFunction(rawValue: name) else {
            position = nameStart
            throw error("Unknown intrinsic function '\(name)'")
        }
        calls += 1
        guard calls <= Self.maximumCalls else {
            position = nameStart
            throw error("Too many nested intrinsic functions; at most \(Self.maximumCalls) are allowed in one field")
        }
        skipWhitespace()
        try expect("(", "Expected '(' after \(name)")
        var arguments: [IntrinsicArgument] = []
        skipWhitespace()
        if peek() == ")" {
            position += 1
            return IntrinsicCall(function: function, arguments: arguments)
        }
        while true {
            skipWhitespace()
            arguments.append(try parseArgument())
            skipWhitespace()
            guard let delimiter = peek() else { throw error("Missing ')' to close \(name)") }
            position += 1
            if delimiter == ")" { break }
            guard delimiter == "," else {
                position -= 1
                throw error("Expected ',' or ')' in the arguments of \(name), found '\(delimiter)'")
            }
        }
        return IntrinsicCall(function: function, arguments: arguments)
    }

    private mutating func parseArgument() throws(IntrinsicSyntaxError) -> IntrinsicArgument {
        guard let first = peek() else { throw error("Expected an argument") }
        switch first {
        case "'": return .string(try parseString())
        case "$": return .path(try parsePath())
        case "-", "0"..."9": return .literal(try parseNumber())
        case "," , ")": throw error("Expected an argument before '\(first)'")
        default: break
        }
        for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] where matches(word) {
            position += word.unicodeScalars.count
            try expectDelimiter(after: word)
            return .literal(value)
        }
        if matches("States.") { return .call(try parseCall()) }
        throw error("Unexpected '\(first)'; an argument is a quoted string, a number, true, false, null, a path or an intrinsic function")
    }

    private mutating func parseString() throws(IntrinsicSyntaxError) -> IntrinsicStringLiteral {
        let start = position
        position += 1  // the opening quote
        var segments: [IntrinsicStringLiteral.Segment] = []
        var run = ""
        func flush() {
            if !run.isEmpty { segments.append(.text(run)); run = "" }
        }
        while let scalar = peek() {
            position += 1
            switch scalar {
            case "'":
                flush()
                return IntrinsicStringLiteral(segments: segments)
            case "\\":
                guard let escaped = peek(), ["'", "{", "}", "\\"].contains(escaped) else {
                    position -= 1
                    throw error("Invalid escape in a string literal; only \\', \\{, \\} and \\\\ are allowed")
                }
                position += 1
                run.unicodeScalars.append(escaped)
            case "{":
                flush()
                if peek() == "}" {
                    position += 1
                    segments.append(.placeholder)
                } else {
                    segments.append(.openBrace)
                }
            case "}":
                flush()
                segments.append(.closeBrace)
            default:
                run.unicodeScalars.append(scalar)
            }
        }
        position = start
        throw error("Unterminated string literal")
    }

    private mutating func parsePath() throws(IntrinsicSyntaxError) -> String {
        let start = position
        var depth = 0
        var quote: Unicode.Scalar?
        scan: while let scalar = peek() {
            if let open = quote {
                if scalar == "\\" { position += 2; continue }
                if scalar == open { quote = nil }
            } else {
                if depth == 0, scalar == "," || scalar == ")" { break scan }
                switch scalar {
                case "'", "\"": quote = scalar
                case "[", "(": depth += 1
                case "]", ")": depth -= 1
                default: break
                }
            }
            position += 1
        }
        guard quote == nil, depth == 0, position <= scalars.count else {
            position = start
            throw error("Unterminated path")
        }
        position = min(position, scalars.count)
        var path = String(String.UnicodeScalarView(scalars[start..<position]))
        while path.last?.isWhitespace == true { path.removeLast() }
        return path
    }

    private mutating func parseNumber() throws(IntrinsicSyntaxError) -> JSONValue {
        let start = position
        if peek() == "-" { position += 1 }
        let integerStart = position
        try digits("Expected a digit")
        if scalars[integerStart] == "0", position - integerStart > 1 {
            position = integerStart
            throw error("A number cannot have a leading zero")
        }
        var integral = true
        if peek() == "." {
            position += 1
            integral = false
            try digits("Expected a digit after the decimal point")
        }
        if peek() == "e" || peek() == "E" {
            position += 1
            integral = false
            if peek() == "+" || peek() == "-" { position += 1 }
            try digits("Expected a digit in the exponent")
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        try expectDelimiter(after: text)
        if integral, let value = Int64(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            position = start
            throw error("Number \(text) is out of range")
        }
        return .double(value)
    }

    // MARK: - Scanning

    private func peek() -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private func matches(_ word: String) -> Bool {
        let expected = Array(word.unicodeScalars)
        return scalars.count - position >= expected.count && Array(scalars[position..<position + expected.count]) == expected
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar.properties.isWhitespace { position += 1 }
    }

    private mutating func digits(_ message: String) throws(IntrinsicSyntaxError) {
        let start = position
        while let scalar = peek(), ("0"..."9").contains(scalar) { position += 1 }
        if position == start { throw error(message) }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(IntrinsicSyntaxError) {
        guard peek() == scalar else { throw error(message) }
        position += 1
    }

    /// A literal must end at whitespace, `,` or `)`: `12abc` or `truex` is a typo, not a value.
    private func expectDelimiter(after literal: String) throws(IntrinsicSyntaxError) {
        guard let next = peek(), !next.properties.isWhitespace, next != ",", next != ")" else { return }
        throw error("Unexpected '\(next)' after \(literal)")
    }

    private func error(_ message: String) -> IntrinsicSyntaxError {
        IntrinsicSyntaxError(message: message, offset: position)
    }
}
