import BrumeWire
import NIOCore

/// The base64 `ZipFile` of a CreateFunction (`Code.ZipFile`) or UpdateFunctionCode (`ZipFile`)
/// body, left where it arrived.
///
/// A 50 MB package is 67 MB of base64 text. Parsed as JSON it would become a 67 MB `String`
/// beside the body, then a decoded copy, and so on. Instead the member is found in the raw body,
/// the rest of the request is parsed without it, and ``CodeStore`` decodes the text straight
/// from the body to disk.
struct InlineZipFile: Sendable {
    /// The request body; shares its storage, copies nothing.
    let body: ByteBuffer
    /// Where the base64 text lies in `body`'s readable bytes, quotes excluded.
    let range: Range<Int>

    /// The bytes of the base64 text, as the body holds them (JSON escapes included, if any).
    func withText<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try self.body.withUnsafeReadableBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
    }

    /// Separates the `ZipFile` string found at `path` (object member names from the top) from
    /// the rest of `body`.
    ///
    /// - Returns: the body with that string emptied (`""`), for the ordinary JSON parser, and the
    ///   text; nil when the body has no such string or is not well-formed enough to find it, in
    ///   which case the caller parses the body as it came (and reports its errors).
    static func separate(_ body: ByteBuffer, path: [String]) -> (remainder: [UInt8], zipFile: InlineZipFile)? {
        body.withUnsafeReadableBytes { bytes -> (remainder: [UInt8], zipFile: InlineZipFile)? in
            var skimmer = JSONSkimmer(bytes: bytes)
            var object = 0..<bytes.count
            var found: Range<Int>?
            for (depth, name) in path.enumerated() {
                skimmer.position = object.lowerBound
                // A repeated member keeps its last value, as the JSON parser does.
                guard let members = skimmer.members(), let value = members.last(where: { skimmer.key($0.key) == name })?.value else {
                    return nil
                }
                let opening = bytes[value.lowerBound]
                if depth == path.count - 1 {
                    guard opening == UInt8(ascii: "\"") else { return nil }
                    found = value
                } else {
                    guard opening == UInt8(ascii: "{") else { return nil }
                    object = value
                }
            }
            guard let value = found else { return nil }
            var remainder: [UInt8] = []
            remainder.reserveCapacity(bytes.count - value.count + 2)
            remainder.append(contentsOf: bytes[..<value.lowerBound])
            remainder.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
            remainder.append(contentsOf: bytes[value.upperBound...])
            return (remainder, InlineZipFile(body: body, range: (value.lowerBound + 1)..<(value.upperBound - 1)))
        }
    }
}

/// Steps over JSON values without decoding them, to find where a member lies.
///
/// It checks only what it needs to find its way (quotes, escapes, nesting); the body it helps
/// cut is parsed strictly afterwards, so anything it lets through is still refused there.
private struct JSONSkimmer {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The members of the object at ``position``: each key's range (quotes included) and its
    /// value's; nil when this is not a well-formed object.
    mutating func members() -> [(key: Range<Int>, value: Range<Int>)]? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return nil }
        position += 1
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { return members }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = skipString() else { return nil }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            guard let value = skipValue() else { return nil }
            members.append((key, value))
            skipWhitespace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): return members
            default: return nil
            }
        }
    }

    /// The text of a key; escaped keys (rare) go through the real parser.
    func key(_ range: Range<Int>) -> String? {
        let slice = bytes[range]
        if !slice.contains(UInt8(ascii: "\\")) {
            return String(decoding: slice.dropFirst().dropLast(), as: UTF8.self)
        }
        return (try? JSONValue.parse(Array(slice)))?.stringValue
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    /// Steps over the string at ``position`` (its opening quote); returns its range, quotes included.
    private mutating func skipString() -> Range<Int>? {
        let start = position
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<position
            case UInt8(ascii: "\\"):
                position += 2
            default:
                position += 1
            }
        }
        return nil
    }

    /// Steps over one value of any kind; nested containers are counted, not recursed into.
    private mutating func skipValue() -> Range<Int>? {
        let start = position
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    guard skipString() != nil else { return nil }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return start..<position
                    }
                default:
                    break
                }
                position += 1
            }
            return nil
        default:
            // A number or a literal: up to the next delimiter.
            while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) {
                position += 1
            }
            return position > start ? start..<position : nil
        }
    }
}
