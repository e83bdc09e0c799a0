/// What each KeySpec allows: its key usages and the algorithms KeyMetadata lists for each.
enum KeySpecInfo {
    static let allSpecs = [
        "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
        "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
        "ECC_NIST_EDWARDS25519",
    ]
    static let allUsages = ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]

    /// The specs swift-crypto gives Brume real keys for; the model's others are refused.
    static let supported: Set<String> = [
        "SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521",
        "HMAC_256", "HMAC_384", "HMAC_512",
    ]

    static let rsaSigning = [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
        "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
    ]
    static let rsaEncryption = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]

    /// The usages a spec can be created with.
    static func usages(_ spec: String) -> [String] {
        switch spec {
        case "SYMMETRIC_DEFAULT": ["ENCRYPT_DECRYPT"]
        case "RSA_2048", "RSA_3072", "RSA_4096": ["ENCRYPT_DECRYPT", "SIGN_VERIFY"]
        case "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1": ["SIGN_VERIFY", "KEY_AGREEMENT"]
        case "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512": ["GENERATE_VERIFY_MAC"]
        default: ["SIGN_VERIFY"]
        }
    }

    static func encryptionAlgorithms(spec: String, usage: String) -> [String] {
        guard usage == "ENCRYPT_DECRYPT" else { return [] }
        return spec == "SYMMETRIC_DEFAULT" ? ["SYMMETRIC_DEFAULT"] : rsaEncryption
    }

    static func signingAlgorithms(spec: String, usage: String) -> [String] {
        guard usage == "SIGN_VERIFY" else { return [] }
        switch spec {
        case "RSA_2048", "RSA_3072", "RSA_4096": return rsaSigning
        case "ECC_NIST_P256", "ECC_SECG_P256K1": return ["ECDSA_SHA_256"]
        case "ECC_NIST_P384": return ["ECDSA_SHA_384"]
        case "ECC_NIST_P521": return ["ECDSA_SHA_512"]
        default: return []
        }
    }

    static func macAlgorithms(spec: String) -> [String] {
        switch spec {
        case "HMAC_224": ["HMAC_SHA_224"]
        case "HMAC_256": ["HMAC_SHA_256"]
        case "HMAC_384": ["HMAC_SHA_384"]
        case "HMAC_512": ["HMAC_SHA_512"]
        default: []
        }
    }

    static func isAsymmetric(_ spec: String) -> Bool {
        spec.hasPrefix("RSA_") || spec.hasPrefix("ECC_")
    }
}
