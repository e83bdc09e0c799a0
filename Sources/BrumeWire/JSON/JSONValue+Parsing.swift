extension JSONValue {
    /// The deepest nesting of arrays and objects ``parse(_:)`` accepts; deeper input is refused
    /// rather than risking the stack on a hostile body.
    public static let maximumDepth = 512

    /// Parses a complete JSON document (RFC 8259) from UTF-8 bytes.
    ///
    /// The parser is strict: it refuses trailing data, leading zeros, unknown escapes, malformed
    /// UTF-8, control characters inside strings, `\u` surrogates that do not form a pair, numbers
    /// beyond `Double`'s range, and nesting deeper than ``maximumDepth``. An object with a repeated
    /// key keeps the last value.
    ///
    /// - Throws: ``JSONParseError`` naming the reason and the byte offset.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(input: buffer)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        if let result { return try result.get() }
        // Only non-contiguous collections get here; an array always takes the path above.
        return try parse(Array(bytes))
    }
}

/// A recursive-descent parser over one contiguous buffer; it lives only for one ``JSONValue/parse(_:)`` call.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard position == input.count else { throw failure(.trailingData, "Unexpected data after the JSON document") }
        return value
    }

    private func failure(_ reason: JSONParseError.Reason, _ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(reason, message, offset: offset ?? position)
    }

    private var endOfInput: JSONParseError { failure(.unexpectedEnd, "Unexpected end of JSON input") }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case JSONByte.space, JSONByte.newline, JSONByte.carriageReturn, JSONByte.tab: position += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, without consuming it.
    private mutating func peekSignificant() throws(JSONParseError) -> UInt8 {
        skipWhitespace()
        guard position < input.count else { throw endOfInput }
        return input[position]
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        switch try peekSignificant() {
        case JSONByte.openBrace: return try parseObject()
        case JSONByte.openBracket: return try parseArray()
        case JSONByte.quote: return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case JSONByte.minus, JSONByte.zero...JSONByte.nine: return try parseNumber()
        default: throw failure(.unexpectedByte, "Unexpected character where a value was expected")
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let count = word.utf8CodeUnitCount
        for index in 0..<count {
            guard position < input.count else { throw endOfInput }
            guard input[position] == word.utf8Start[index] else {
                throw failure(.unexpectedByte, "Invalid literal; expected '\(word)'", at: start)
            }
            position += 1
        }
    }

    /// Counts one level of nesting and refuses to go past the limit.
    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= JSONValue.maximumDepth else {
            throw failure(.tooDeep, "JSON nested deeper than \(JSONValue.maximumDepth) levels")
        }
        position += 1
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var members = JSONObject()
        if try peekSignificant() == JSONByte.closeBrace {
            position += 1
            return .object(members)
        }
        while true {
            guard try peekSignificant() == JSONByte.quote else { throw failure(.unexpectedByte, "Expected a string key") }
            let key = try parseString()
            guard try peekSignificant() == JSONByte.colon else { throw failure(.unexpectedByte, "Expected ':' after an object key") }
            position += 1
            members[key] = try parseValue()
            switch try peekSignificant() {
            case JSONByte.comma: position += 1
            case JSONByte.closeBrace: position += 1; return .object(members)
            default: throw failure(.unexpectedByte, "Expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        if try peekSignificant() == JSONByte.closeBracket {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            switch try peekSignificant() {
            case JSONByte.comma: position += 1
            case JSONByte.closeBracket: position += 1; return .array(elements)
            default: throw failure(.unexpectedByte, "Expected ',' or ']' in an array")
            }
        }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Most strings carry no escapes: validate in place and decode the slice once.
        while position < input.count {
            let byte = input[position]
            if byte == JSONByte.quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == JSONByte.backslash { break }
            try consumeCharacter(byte)
        }
        guard position < input.count else { throw endOfInput }

        var decoded = Array(input[start..<position])
        while position < input.count {
            let byte = input[position]
            if byte == JSONByte.quote {
                position += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            if byte == JSONByte.backslash {
                try parseEscape(into: &decoded)
            } else {
                let characterStart = position
                try consumeCharacter(byte)
                decoded.append(contentsOf: input[characterStart..<position])
            }
        }
        throw endOfInput
    }

    /// Steps over one unescaped character in a string, checking it is allowed and well-formed.
    private mutating func consumeCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte >= 0x80 {
            try consumeUTF8Sequence(lead: byte)
        } else if byte < 0x20 {
            throw failure(.controlCharacter, "Unescaped control character in a string")
        } else {
            position += 1
        }
    }

    /// Validates one multi-byte UTF-8 sequence (Unicode Table 3-7): no overlongs, no encoded
    /// surrogates, nothing past U+10FFFF.
    private mutating func consumeUTF8Sequence(lead: UInt8) throws(JSONParseError) {
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure(.invalidUTF8, "Invalid UTF-8 in a string")
        }
        guard position + length <= input.count,
              secondRange.contains(input[position + 1]),
              (2..<length).allSatisfy({ (0x80...0xBF).contains(input[position + $0]) })
        else { throw failure(.invalidUTF8, "Invalid UTF-8 in a string") }
        position += length
    }

    /// Decodes one backslash escape, appending its UTF-8 to `decoded`.
    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < input.count else { throw endOfInput }
        let letter = input[position]
        position += 1
        switch letter {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash: decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(JSONByte.newline)
        case UInt8(ascii: "r"): decoded.append(JSONByte.carriageReturn)
        case UInt8(ascii: "t"): decoded.append(JSONByte.tab)
        case UInt8(ascii: "u"):
            var value = UInt32(try parseHexQuad())
            switch value {
            case 0xD800...0xDBFF:
                // JSON spells astral characters as UTF-16 pairs; the low half must follow at once.
                guard position + 1 < input.count, input[position] == JSONByte.backslash,
                      input[position + 1] == UInt8(ascii: "u")
                else { throw failure(.loneSurrogate, "Unpaired UTF-16 surrogate in a \\u escape", at: escapeStart) }
                position += 2
                let low = UInt32(try parseHexQuad())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(.loneSurrogate, "Unpaired UTF-16 surrogate in a \\u escape", at: escapeStart)
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw failure(.loneSurrogate, "Unpaired UTF-16 surrogate in a \\u escape", at: escapeStart)
            default:
                break
            }
            // Surrogates were excluded above, so every remaining value is a scalar.
            UTF8.encode(Unicode.Scalar(value)!) { decoded.append($0) }
        default:
            throw failure(.invalidEscape, "Invalid escape sequence in a string", at: escapeStart)
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func parseHexQuad() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < input.count else { throw endOfInput }
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case JSONByte.zero...JSONByte.nine: digit = byte - JSONByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape, "Invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        if input[position] == JSONByte.minus { position += 1 }
        guard position < input.count else { throw endOfInput }
        switch input[position] {
        case JSONByte.zero:
            position += 1
            if position < input.count, isDigit(input[position]) {
                throw failure(.invalidNumber, "Leading zeros are not allowed in numbers", at: start)
            }
        case JSONByte.one...JSONByte.nine:
            skipDigits()
        default:
            throw failure(.invalidNumber, "Expected a digit in a number")
        }
        let integerEnd = position
        if position < input.count, input[position] == JSONByte.dot {
            position += 1
            try requireDigits()
        }
        if position < input.count, input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E") {
            position += 1
            if position < input.count, input[position] == JSONByte.plus || input[position] == JSONByte.minus { position += 1 }
            try requireDigits()
        }
        if position == integerEnd, let integer = integerValue(input[start..<position]) {
            return .int(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw failure(.invalidNumber, "Number out of range", at: start)
        }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { (JSONByte.zero...JSONByte.nine).contains(byte) }

    private mutating func skipDigits() {
        while position < input.count, isDigit(input[position]) { position += 1 }
    }

    private mutating func requireDigits() throws(JSONParseError) {
        guard position < input.count else { throw endOfInput }
        guard isDigit(input[position]) else { throw failure(.invalidNumber, "Expected a digit in a number") }
        skipDigits()
    }

    /// The value of an already validated integer literal, or nil when it does not fit `Int64`.
    private func integerValue(_ literal: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        let negative = literal.first == JSONByte.minus
        var value: Int64 = 0
        // Accumulating toward the sign reaches Int64.min without overflowing on the way.
        for byte in literal where byte != JSONByte.minus {
            let digit = Int64(byte - JSONByte.zero)
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, addOverflow) = negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if shiftOverflow || addOverflow { return nil }
            value = next
        }
        return value
    }
}

/// The bytes of JSON's grammar, named.
enum JSONByte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let zero = UInt8(ascii: "0")
    static let one = UInt8(ascii: "1")
    static let nine = UInt8(ascii: "9")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
}
