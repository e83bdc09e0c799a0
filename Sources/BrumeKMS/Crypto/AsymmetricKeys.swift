import Crypto
import _CryptoExtras

/// RSA and NIST ECC private keys: generated, kept as DER, and their public keys in
/// SubjectPublicKeyInfo DER as GetPublicKey returns them.
enum AsymmetricKeys {
    static func generate(spec: String) throws -> [UInt8] {
        switch spec {
        case "RSA_2048": return Array(try _RSA.Signing.PrivateKey(keySize: .bits2048).derRepresentation)
        case "RSA_3072": return Array(try _RSA.Signing.PrivateKey(keySize: .bits3072).derRepresentation)
        case "RSA_4096": return Array(try _RSA.Signing.PrivateKey(keySize: .bits4096).derRepresentation)
        case "ECC_NIST_P256": return Array(P256.Signing.PrivateKey().derRepresentation)
        case "ECC_NIST_P384": return Array(P384.Signing.PrivateKey().derRepresentation)
        case "ECC_NIST_P521": return Array(P521.Signing.PrivateKey().derRepresentation)
        default: throw KMSError.unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }

    /// The public key in SubjectPublicKeyInfo DER.
    static func publicKey(spec: String, privateKey der: [UInt8]) throws -> [UInt8] {
        switch spec {
        case "RSA_2048", "RSA_3072", "RSA_4096": return Array(try _RSA.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case "ECC_NIST_P256": return Array(try P256.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case "ECC_NIST_P384": return Array(try P384.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        case "ECC_NIST_P521": return Array(try P521.Signing.PrivateKey(derRepresentation: der).publicKey.derRepresentation)
        default: throw KMSError.unsupportedOperation("\(spec) is not supported by Brume.")
        }
    }

    /// A data key pair: the private key in PKCS #8 DER and the public key in SubjectPublicKeyInfo DER.
    static func generatePair(spec: String) throws -> (privateKey: [UInt8], publicKey: [UInt8]) {
        switch spec {
        case "RSA_2048", "RSA_3072", "RSA_4096":
            let bits: _RSA.Signing.KeySize = spec == "RSA_2048" ? .bits2048 : spec == "RSA_3072" ? .bits3072 : .bits4096
            let key = try _RSA.Signing.PrivateKey(keySize: bits)
            return (Array(key.pkcs8DERRepresentation), Array(key.publicKey.derRepresentation))
        case "ECC_NIST_P256":
            let key = P256.Signing.PrivateKey()
            return (Array(key.derRepresentation), Array(key.publicKey.derRepresentation))
        case "ECC_NIST_P384":
            let key = P384.Signing.PrivateKey()
            return (Array(key.derRepresentation), Array(key.publicKey.derRepresentation))
        case "ECC_NIST_P521":
            let key = P521.Signing.PrivateKey()
            return (Array(key.derRepresentation), Array(key.publicKey.derRepresentation))
        default: throw KMSError.unsupportedOperation("KeyPairSpec \(spec) is not supported by Brume.")
        }
    }
}
