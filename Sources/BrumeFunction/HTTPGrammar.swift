/// The pure, stateless pieces of HTTP/1.1 response syntax (RFC 9112) used by
/// ``HTTPResponseParser``: status line, framing headers, chunk sizes, and
/// whitespace/token helpers. Kept apart from the state machine so each can be
/// tested and read on its own.

/// Why an HTTP response from the Runtime API could not be parsed.
enum HTTPParseError: Error, Equatable, CustomStringConvertible {
    case malformedStatusLine
    case malformedHeaderLine
    case headTooLarge
    case invalidContentLength
    case invalidChunkSize
    case malformedChunk
    case bodyTooLarge
    case unexpectedEndOfStream

    var description: String {
        switch self {
        case .malformedStatusLine: "malformed HTTP status line"
        case .malformedHeaderLine: "malformed HTTP header line"
        case .headTooLarge: "HTTP response head exceeds the size limit"
        case .invalidContentLength: "invalid or conflicting Content-Length"
        case .invalidChunkSize: "invalid chunk size in chunked body"
        case .malformedChunk: "chunk data not terminated by CRLF"
        case .bodyTooLarge: "HTTP response body exceeds the size limit"
        case .unexpectedEndOfStream: "connection closed in the middle of a response"
        }
    }
}

extension HTTPResponseParser {
    static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (isHTTP10: Bool, code: Int) {
        // "HTTP/1.1 200 OK" — the reason phrase is optional and ignored.
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
              let code = Int(String(decoding: parts[1], as: UTF8.self)), code >= 100 else {
            throw .malformedStatusLine
        }
        return (parts[0].elementsEqual("HTTP/1.0".utf8), code)
    }

    /// All Content-Length values (repeated fields or comma lists) must agree
    /// (RFC 9110 §8.6); disagreement is a framing error, not something to guess.
    static func contentLength(_ headers: HTTPHeaders) throws(HTTPParseError) -> Int? {
        var result: Int?
        for field in headers.values(for: "Content-Length") {
            for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.trimmingASCIIWhitespace()
                guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                      let value = Int(text), result == nil || result == value else {
                    throw .invalidContentLength
                }
                result = value
            }
        }
        return result
    }

    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        // "1a;ext=value" — extensions are allowed and ignored.
        let digits = trimmed(line.prefix { $0 != UInt8(ascii: ";") })
        guard !digits.isEmpty, digits.count <= 15 else { throw .invalidChunkSize }
        var size = 0
        for byte in digits {
            let nibble: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = Int(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = Int(byte - UInt8(ascii: "A") + 10)
            default: throw .invalidChunkSize
            }
            size = size << 4 | nibble  // ≤ 15 hex digits cannot overflow Int64
        }
        return size
    }

    static func splitLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    static func containsToken(_ list: String, _ token: String) -> Bool {
        list.split(separator: ",").contains { $0.trimmingASCIIWhitespace().lowercased() == token }
    }
}

extension StringProtocol {
    /// Trims spaces and tabs (HTTP "optional whitespace") without Foundation.
    func trimmingASCIIWhitespace() -> String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
