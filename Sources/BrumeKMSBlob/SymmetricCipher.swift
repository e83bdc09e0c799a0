import Crypto

/// AES-256-GCM under one version of a symmetric key's material, producing and reading
/// ``CiphertextBlob``s whose header and encryption context are authenticated.
public enum SymmetricCipher {
    public static func encrypt(_ plaintext: [UInt8], material: [UInt8], keyID: String, version: UInt32, context: [String: String]) throws -> [UInt8] {
        var blob = CiphertextBlob(keyID: keyID, materialVersion: version, nonce: [], ciphertext: [], tag: [])
        let sealed = try AES.GCM.seal(
            plaintext, using: SymmetricKey(data: material), authenticating: blob.header + EncryptionContext.canonical(context)
        )
        blob.nonce = Array(sealed.nonce)
        blob.ciphertext = Array(sealed.ciphertext)
        blob.tag = Array(sealed.tag)
        return blob.bytes
    }

    /// The plaintext, or nil when the tag does not match (another key, another context, a
    /// changed byte) or the blob's parts have the wrong sizes.
    public static func decrypt(_ blob: CiphertextBlob, material: [UInt8], context: [String: String]) -> [UInt8]? {
        guard let nonce = try? AES.GCM.Nonce(data: blob.nonce),
              let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: blob.ciphertext, tag: blob.tag) else { return nil }
        return try? Array(AES.GCM.open(box, using: SymmetricKey(data: material), authenticating: blob.header + EncryptionContext.canonical(context)))
    }
}
