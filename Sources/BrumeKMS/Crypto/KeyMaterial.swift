import Crypto
import Foundation

/// New key material for a KeySpec, as the bytes that are sealed and stored.
///
/// Symmetric keys are 32 random bytes; HMAC keys are as long as their digest's block input
/// AWS uses (the digest size); asymmetric keys are their private key's DER encoding.
enum KeyMaterial {
    static func generate(spec: String) throws -> [UInt8] {
        switch spec {
        case "SYMMETRIC_DEFAULT", "HMAC_256": return random(32)
        case "HMAC_384": return random(48)
        case "HMAC_512": return random(64)
        default: return try AsymmetricKeys.generate(spec: spec)
        }
    }

    static func random(_ count: Int) -> [UInt8] {
        SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
    }

    /// A KeyMaterialId: 64 hex digits of randomness, as AWS shows material ids.
    static func newMaterialID() -> String {
        random(32).map { String(format: "%02x", $0) }.joined()
    }
}
