import Crypto

/// The MD5 digests SQS returns so clients can check what it received.
enum MessageDigest {
    /// `MD5OfMessageBody`: MD5 of the body's UTF-8 bytes, lowercase hex.
    static func body(_ body: String) -> String {
        hex(Insecure.MD5.hash(data: Array(body.utf8)))
    }

    /// `MD5OfMessageAttributes` (and `MD5OfMessageSystemAttributes`): nil when there are none.
    ///
    /// The AWS algorithm: attributes sorted by name; each contributes the 4-byte big-endian
    /// length and UTF-8 bytes of its name, the same for its data type, a transport byte
    /// (1 for String/Number values, 2 for Binary), then the length and bytes of the value.
    static func attributes(_ attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var buffer: [UInt8] = []
        // Sorted by UTF-8 bytes, which is the order AWS's SDKs use (Java sorts UTF-16 strings,
        // equal for the ASCII names SQS allows).
        for name in attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let value = attributes[name]!
            append(Array(name.utf8), to: &buffer)
            append(Array(value.dataType.utf8), to: &buffer)
            buffer.append(value.baseType == "Binary" ? 2 : 1)
            append(value.valueBytes, to: &buffer)
        }
        return hex(Insecure.MD5.hash(data: buffer))
    }

    private static func append(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        let length = UInt32(bytes.count)
        buffer.append(contentsOf: [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)])
        buffer.append(contentsOf: bytes)
    }

    private static func hex(_ digest: Insecure.MD5.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
