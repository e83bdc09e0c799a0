import Foundation

/// `$util` of an API Gateway mapping template.
///
/// - `escapeJavaScript(s)`: Apache Commons Lang's `escapeJavaScript`, which API Gateway uses:
///   `'`, `"`, `\` and `/` get a backslash, control characters their short or `\u00XX` escape,
///   and everything past ASCII a `\uXXXX` escape (in UTF-16 units).
/// - `parseJson(s)`: the JSON as a value (maps, lists, ...).
/// - `urlEncode(s)`/`urlDecode(s)`: Java's `URLEncoder`/`URLDecoder`, that is form encoding:
///   space is `+`, only letters, digits and `.-*_` are left as they are.
/// - `base64Encode(s)`/`base64Decode(s)`: standard base64 of the UTF-8 bytes.
public final class VTLUtil: VTLObject {
    public init() {}

    public func call(_ method: String, _ arguments: [VTLValue]) throws(VTLError) -> VTLValue? {
        guard arguments.count == 1 else { return nil }
        let text: String
        switch arguments[0] {
        case .null: return .null
        case .string(let string): text = string
        default: text = try JavaText.render(arguments[0], limit: Int.max)
        }
        switch method {
        case "escapeJavaScript": return .string(Self.escapeJavaScript(text))
        case "parseJson": return try VTLJSON.parse(text)
        case "urlEncode": return .string(Self.urlEncode(text))
        case "urlDecode": return .string(try Self.urlDecode(text))
        case "base64Encode": return .string(Data(text.utf8).base64EncodedString())
        case "base64Decode": return .string(try Self.base64Decode(text))
        default: return nil
        }
    }

    public func render() throws(VTLError) -> String { "com.amazonaws.apigateway.util" }

    public static func escapeJavaScript(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        func hex(_ unit: UInt16) -> String {
            let digits = String(unit, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        for unit in text.utf16 {
            switch unit {
            case 0x27: output += "\\'"
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x2F: output += "\\/"
            case 0x08: output += "\\b"
            case 0x09: output += "\\t"
            case 0x0A: output += "\\n"
            case 0x0C: output += "\\f"
            case 0x0D: output += "\\r"
            case 0..<0x20, 0x7F...: output += "\\u" + hex(unit)
            default: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            }
        }
        return output
    }

    public static func urlEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if VTLLexer.isLetter(byte) || VTLLexer.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == 32 {
                output += "+"
            } else {
                let digits = String(byte, radix: 16, uppercase: true)
                output += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return output
    }

    public static func urlDecode(_ text: String) throws(VTLError) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(32)
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = digit(bytes[index + 1]), let low = digit(bytes[index + 2]) else {
                    throw VTLError(.runtime, "IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern")
                }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func base64Decode(_ text: String) throws(VTLError) -> String {
        var padded = text
        while padded.utf8.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded) else {
            throw VTLError(.runtime, "IllegalArgumentException: Illegal base64 character")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
