import BrumeWire

/// Text IAM and STS can put in an XML answer: XML 1.0 cannot carry most control characters (not
/// even as character references) nor U+FFFE and U+FFFF, so a name or message that echoes them
/// gets U+FFFD instead, and the answer stays a well-formed document SDKs can parse.
enum XMLSafeText {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    static func sanitized(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isAllowed($0) ? $0 : "\u{FFFD}" }))
    }

    static func sanitized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(sanitized(text))
        case .array(let items): .array(items.map(sanitized))
        case .object(let members): .object(members.mapValues(sanitized))
        default: value
        }
    }
}
