import Crypto
import _CryptoExtras

/// RSAES-OAEP with SHA-1 or SHA-256, as KMS's asymmetric ENCRYPT_DECRYPT keys use it.
enum RSACipher {
    static func encrypt(_ plaintext: [UInt8], privateKey der: [UInt8], algorithm: String) throws -> [UInt8] {
        let key = try _RSA.Encryption.PrivateKey(derRepresentation: der)
        // OAEP fits k - 2*hLen - 2 bytes, k the modulus size in bytes.
        let hashLength = algorithm == "RSAES_OAEP_SHA_1" ? 20 : 32
        let maximum = key.keySizeInBits / 8 - 2 * hashLength - 2
        guard plaintext.count <= maximum else {
            throw KMSError.validation("Plaintext of \(plaintext.count) bytes is too long for \(algorithm) with this key: at most \(maximum) bytes.")
        }
        return Array(try key.publicKey.encrypt(plaintext, padding: padding(algorithm)))
    }

    static func decrypt(_ ciphertext: [UInt8], privateKey der: [UInt8], algorithm: String) throws -> [UInt8] {
        let key = try _RSA.Encryption.PrivateKey(derRepresentation: der)
        do {
            return Array(try key.decrypt(ciphertext, padding: padding(algorithm)))
        } catch {
            throw KMSError.invalidCiphertext("")
        }
    }

    private static func padding(_ algorithm: String) -> _RSA.Encryption.Padding {
        algorithm == "RSAES_OAEP_SHA_1" ? .PKCS1_OAEP : .PKCS1_OAEP_SHA256
    }
}
