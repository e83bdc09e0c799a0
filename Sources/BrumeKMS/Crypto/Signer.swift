import Crypto
import _CryptoExtras

/// Sign and Verify for RSA (PSS and PKCS #1 v1.5) and NIST ECDSA keys, over a message (hashed
/// here) or a digest the client computed (MessageType DIGEST). ECDSA signatures are DER, as
/// KMS returns them.
enum Signer {
    static func sign(spec: String, privateKey der: [UInt8], algorithm: String, message: [UInt8], isDigest: Bool) throws -> [UInt8] {
        let digest = try digest(algorithm, message: message, isDigest: isDigest)
        switch spec {
        case "RSA_2048", "RSA_3072", "RSA_4096":
            let key = try _RSA.Signing.PrivateKey(derRepresentation: der)
            return Array(try key.signature(for: digest, padding: padding(algorithm)).rawRepresentation)
        case "ECC_NIST_P256": return Array(try P256.Signing.PrivateKey(derRepresentation: der).signature(for: digest).derRepresentation)
        case "ECC_NIST_P384": return Array(try P384.Signing.PrivateKey(derRepresentation: der).signature(for: digest).derRepresentation)
        case "ECC_NIST_P521": return Array(try P521.Signing.PrivateKey(derRepresentation: der).signature(for: digest).derRepresentation)
        default: throw KMSError.unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }

    /// Whether `signature` is valid; a signature that cannot even be read is not.
    static func verify(
        spec: String, privateKey der: [UInt8], algorithm: String, message: [UInt8], isDigest: Bool, signature: [UInt8]
    ) throws -> Bool {
        let digest = try digest(algorithm, message: message, isDigest: isDigest)
        switch spec {
        case "RSA_2048", "RSA_3072", "RSA_4096":
            let key = try _RSA.Signing.PrivateKey(derRepresentation: der).publicKey
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: padding(algorithm))
        case "ECC_NIST_P256":
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return try P256.Signing.PrivateKey(derRepresentation: der).publicKey.isValidSignature(parsed, for: digest)
        case "ECC_NIST_P384":
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return try P384.Signing.PrivateKey(derRepresentation: der).publicKey.isValidSignature(parsed, for: digest)
        case "ECC_NIST_P521":
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return try P521.Signing.PrivateKey(derRepresentation: der).publicKey.isValidSignature(parsed, for: digest)
        default: throw KMSError.unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }

    private static func padding(_ algorithm: String) -> _RSA.Signing.Padding {
        algorithm.hasPrefix("RSASSA_PSS_") ? .PSS : .insecurePKCS1v1_5
    }

    /// The digest the algorithm signs: the message hashed, or the message itself when it is
    /// already a digest (which must have the hash's length).
    private static func digest(_ algorithm: String, message: [UInt8], isDigest: Bool) throws(KMSError) -> any Digest {
        if algorithm.hasSuffix("SHA_256") { return try digest(SHA256.self, message, isDigest, algorithm) }
        if algorithm.hasSuffix("SHA_384") { return try digest(SHA384.self, message, isDigest, algorithm) }
        return try digest(SHA512.self, message, isDigest, algorithm)
    }

    private static func digest<H: HashFunction>(_ hash: H.Type, _ message: [UInt8], _ isDigest: Bool, _ algorithm: String) throws(KMSError) -> H.Digest {
        guard isDigest else { return H.hash(data: message) }
        // swift-crypto makes digests only by hashing; a client's digest is loaded into the
        // digest type, whose storage is exactly its bytes (checked, never assumed).
        guard message.count == H.Digest.byteCount, MemoryLayout<H.Digest>.size == message.count else {
            throw .validation("Digest is invalid length for algorithm \(algorithm).")
        }
        return message.withUnsafeBytes { $0.loadUnaligned(as: H.Digest.self) }
    }
}

/// HMAC with SHA-256, SHA-384 or SHA-512 under an HMAC key's material.
enum MessageAuthentication {
    static func mac(spec: String, material: [UInt8], message: [UInt8]) throws(KMSError) -> [UInt8] {
        let key = SymmetricKey(data: material)
        switch spec {
        case "HMAC_256": return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case "HMAC_384": return Array(HMAC<SHA384>.authenticationCode(for: message, using: key))
        case "HMAC_512": return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        default: throw .unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }

    static func isValid(_ mac: [UInt8], spec: String, material: [UInt8], message: [UInt8]) throws(KMSError) -> Bool {
        let key = SymmetricKey(data: material)
        switch spec {
        case "HMAC_256": return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key)
        case "HMAC_384": return HMAC<SHA384>.isValidAuthenticationCode(mac, authenticating: message, using: key)
        case "HMAC_512": return HMAC<SHA512>.isValidAuthenticationCode(mac, authenticating: message, using: key)
        default: throw .unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }
}
