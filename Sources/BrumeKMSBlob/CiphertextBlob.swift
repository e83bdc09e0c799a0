/// The ciphertext blob of a symmetric key: self-describing, so Decrypt needs no KeyId and a
/// ciphertext made before a rotation still finds the material that made it.
///
/// Layout: `0x01` (format), the key id (36 ASCII bytes), the material version (4 bytes,
/// big-endian), the AES-GCM nonce (12 bytes), the ciphertext and the 16-byte tag. The header
/// (format, key id, version) is authenticated with the encryption context, so changing any
/// byte of it is detected by the tag.
public struct CiphertextBlob: Equatable, Sendable {
    public static let format: UInt8 = 0x01
    public static let headerSize = 1 + 36 + 4
    public static let nonceSize = 12
    public static let tagSize = 16
    /// The smallest blob: a header, a nonce, one byte of ciphertext and a tag.
    public static let minimumSize = headerSize + nonceSize + 1 + tagSize

    public var keyID: String
    public var materialVersion: UInt32
    public var nonce: [UInt8]
    public var ciphertext: [UInt8]
    public var tag: [UInt8]

    /// The bytes authenticated alongside the encryption context.
    public var header: [UInt8] {
        var bytes: [UInt8] = [Self.format]
        bytes += Array(keyID.utf8)
        bytes += [UInt8(materialVersion >> 24), UInt8((materialVersion >> 16) & 0xFF), UInt8((materialVersion >> 8) & 0xFF),
                  UInt8(materialVersion & 0xFF)]
        return bytes
    }

    public var bytes: [UInt8] { header + nonce + ciphertext + tag }

    /// Reads a blob a client sent; nil for anything that is not one (too short, another
    /// format, a key id that is not a UUID). Bounds are checked before every read.
    public static func parse(_ bytes: some Collection<UInt8>) -> CiphertextBlob? {
        let bytes = Array(bytes)
        guard bytes.count >= minimumSize, bytes[0] == format else { return nil }
        guard let keyID = String(validating: bytes[1..<37], as: UTF8.self), CiphertextBlob.isKeyID(keyID) else { return nil }
        let version = bytes[37..<41].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        let nonceEnd = headerSize + nonceSize
        let tagStart = bytes.count - tagSize
        return CiphertextBlob(
            keyID: keyID, materialVersion: version, nonce: Array(bytes[headerSize..<nonceEnd]),
            ciphertext: Array(bytes[nonceEnd..<tagStart]), tag: Array(bytes[tagStart...])
        )
    }

    public init(keyID: String, materialVersion: UInt32, nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.materialVersion = materialVersion
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// A key id as KMS makes them: a lower-case UUID. (Multi-Region `mrk-` ids are never made.)
    public static func isKeyID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) else { return false }
            }
        }
        return true
    }
}
