import BrumeWire

extension IntrinsicFunctions {
    /// `States.Format(template, values...)`: the template with each `{}` replaced by the next value.
    ///
    /// The number of values must equal the number of `{}`. Strings are inserted as they are, other
    /// values as JSON (`null`, `true`, `1.1`). Braces meant literally must be escaped (`\{`, `\}`);
    /// an unescaped `{` that does not open `{}`, or a lone `}`, fails at run time, as on AWS.
    static func format(
        _ call: IntrinsicCall,
        resolve: (String) throws(StatesError) -> JSONValue,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        let invalid = StatesError.runtime("Invalid arguments in \(IntrinsicFunction.format.rawValue)")
        guard let first = call.arguments.first else { throw invalid }
        let template: IntrinsicStringLiteral
        if case .string(let literal) = first {
            template = literal
        } else {
            guard case .string(let text) = try value(of: first, resolve: resolve, using: &generator) else { throw invalid }
            template = IntrinsicStringLiteral(template: text)
        }
        var values: [JSONValue] = []
        for argument in call.arguments.dropFirst() {
            values.append(try value(of: argument, resolve: resolve, using: &generator))
        }
        var output = ""
        var next = values.makeIterator()
        for segment in template.segments {
            switch segment {
            case .text(let run): output += run
            case .placeholder:
                guard let value = next.next() else { throw invalid }
                // Checked before the text is built: the same large value may fill every `{}`.
                let room = maximumResultBytes - output.utf8.count
                let tooLarge = if case .string(let text) = value { text.utf8.count > room } else { value.serializedLength(exceeds: room) }
                guard !tooLarge else { throw resultTooLarge(.format) }
                output += value.intrinsicText
            case .openBrace, .closeBrace: throw invalid
            }
            guard output.utf8.count <= maximumResultBytes else { throw resultTooLarge(.format) }
        }
        guard next.next() == nil else { throw invalid }
        return .string(output)
    }

    /// `States.StringSplit(string, delimiters)`: the pieces between any of the delimiter
    /// characters, without empty pieces; every character of the second argument is a delimiter
    /// (`'This.is+a,test=string'` split on `'.+,='` is five words).
    static func stringSplit(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        let text = try call.string(0)
        let delimiters = Set(try call.string(1))
        return .array(text.split(omittingEmptySubsequences: true, whereSeparator: delimiters.contains).map { .string(String($0)) })
    }

    /// `States.UUID()`: a random version 4 UUID in lowercase.
    static func uuid(
        _ call: Invocation,
        using generator: inout some RandomNumberGenerator
    ) throws(StatesError) -> JSONValue {
        try call.expect(0)
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return .string(text)
    }
}
