import BrumeWire
import Crypto

extension IntrinsicFunctions {
    /// `States.Base64Encode(string)`: the UTF-8 bytes of a string of up to 10,000 characters,
    /// in standard padded Base64.
    static func base64Encode(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        let text = try call.limitedString(0)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(string)`: the decoded bytes read as UTF-8.
    ///
    /// Decoding is lenient, as AWS's MIME decoder is: characters outside the alphabet are
    /// skipped, the first `=` ends the data, and missing padding is tolerated (AWS decodes
    /// `'!!!invalid!!!'`, `'abc'` and `' YWJjZA== '` rather than failing).
    static func base64Decode(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        let text = try call.limitedString(0)
        return .string(String(decoding: Base64.decodeLeniently(text), as: UTF8.self))
    }

    /// `States.Hash(data, algorithm)`: the lowercase hex digest of the data's UTF-8 bytes.
    ///
    /// Algorithms are matched exactly (`SHA-256`, not `sha-256` or `SHA256`). Data that is not a
    /// string is hashed as its JSON text, as AWS accepts numbers and objects here.
    static func hash(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(2)
        // More than 30,002 bytes of JSON (a string's quotes included) is surely more than 10,000
        // UTF-16 units: refuse a large object before writing it out.
        guard !call.arguments[0].serializedLength(exceeds: 30_002) else { throw call.invalid }
        let data = call.arguments[0].intrinsicText
        guard data.utf16.count <= 10_000 else { throw call.invalid }
        let bytes = Array(data.utf8)
        let digest: [UInt8]
        switch try call.string(1) {
        case "MD5": digest = Array(Insecure.MD5.hash(data: bytes))
        case "SHA-1": digest = Array(Insecure.SHA1.hash(data: bytes))
        case "SHA-256": digest = Array(SHA256.hash(data: bytes))
        case "SHA-384": digest = Array(SHA384.hash(data: bytes))
        case "SHA-512": digest = Array(SHA512.hash(data: bytes))
        default: throw call.invalid
        }
        return .string(hexadecimal(digest))
    }

    private static func hexadecimal(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Base64 (RFC 4648 alphabet) without Foundation, which this module does not import.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let group = UInt32(bytes[index]) << 16
                | (remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
                | (remaining > 2 ? UInt32(bytes[index + 2]) : 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes, skipping non-alphabet characters and stopping at the first `=`. A trailing group
    /// of two or three characters yields one or two bytes; a lone trailing character is dropped.
    static func decodeLeniently(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var group: UInt32 = 0
        var count = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") { break }
            guard let sextet = sextet(byte) else { continue }
            group = group << 6 | UInt32(sextet)
            count += 1
            if count == 4 {
                output.append(UInt8(group >> 16 & 0xFF))
                output.append(UInt8(group >> 8 & 0xFF))
                output.append(UInt8(group & 0xFF))
                group = 0
                count = 0
            }
        }
        if count == 2 {
            output.append(UInt8(group >> 4 & 0xFF))
        } else if count == 3 {
            output.append(UInt8(group >> 10 & 0xFF))
            output.append(UInt8(group >> 2 & 0xFF))
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
