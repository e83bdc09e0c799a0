import BrumeWire
import Foundation
import _CryptoExtras
import Crypto

/// Sign, Verify, GetPublicKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext,
/// GenerateMac, VerifyMac.
extension KMSService {
    static let signingAlgorithms = [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384",
        "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512", "SM2DSA", "ML_DSA_SHAKE_256",
    ]
    static let macAlgorithms = ["HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"]
    static let keyPairSpecs = ["RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2", "ECC_NIST_EDWARDS25519"]

    func sign(_ call: KMSCall) async throws -> JSONValue {
        let (key, algorithm, message, isDigest) = try await signingRequest(call, operation: "Sign")
        try checkDryRun(call)
        let signature = try Signer.sign(spec: key.keySpec, privateKey: privateKey(key), algorithm: algorithm, message: message, isDigest: isDigest)
        return ["KeyId": .string(key.arn), "Signature": Self.blob(signature), "SigningAlgorithm": .string(algorithm)]
    }

    func verify(_ call: KMSCall) async throws -> JSONValue {
        let signature = try call.input.requiredBlob("Signature", length: 1...6144)
        let (key, algorithm, message, isDigest) = try await signingRequest(call, operation: "Verify")
        try checkDryRun(call)
        guard try Signer.verify(
            spec: key.keySpec, privateKey: privateKey(key), algorithm: algorithm, message: message, isDigest: isDigest, signature: signature
        ) else { throw KMSError.invalidSignature }
        return ["KeyId": .string(key.arn), "SignatureValid": true, "SigningAlgorithm": .string(algorithm)]
    }

    /// The public key of an asymmetric key, in SubjectPublicKeyInfo DER.
    func getPublicKey(_ call: KMSCall) async throws -> JSONValue {
        let key = try await backend.key(call.reference())
        try key.checkUsable()
        guard KeySpecInfo.isAsymmetric(key.keySpec) else {
            throw KMSError.unsupportedOperation("\(key.arn) key spec \(key.keySpec) is not supported for this operation.")
        }
        var output: JSONObject = [
            "KeyId": .string(key.arn), "PublicKey": Self.blob(try AsymmetricKeys.publicKey(spec: key.keySpec, privateKey: privateKey(key))),
            "CustomerMasterKeySpec": .string(key.keySpec), "KeySpec": .string(key.keySpec), "KeyUsage": .string(key.keyUsage),
        ]
        let encryption = KeySpecInfo.encryptionAlgorithms(spec: key.keySpec, usage: key.keyUsage)
        if !encryption.isEmpty { output["EncryptionAlgorithms"] = .array(encryption.map { .string($0) }) }
        let signing = KeySpecInfo.signingAlgorithms(spec: key.keySpec, usage: key.keyUsage)
        if !signing.isEmpty { output["SigningAlgorithms"] = .array(signing.map { .string($0) }) }
        return .object(output)
    }

    func generateDataKeyPair(_ call: KMSCall) async throws -> JSONValue {
        try await generateDataKeyPair(call, withPlaintext: true)
    }

    func generateDataKeyPairWithoutPlaintext(_ call: KMSCall) async throws -> JSONValue {
        try await generateDataKeyPair(call, withPlaintext: false)
    }

    /// A new key pair whose private key (PKCS #8 DER) is encrypted under a symmetric key.
    private func generateDataKeyPair(_ call: KMSCall, withPlaintext: Bool) async throws -> JSONValue {
        let reference = try call.reference()
        let context = try call.input.stringMap("EncryptionContext")
        guard let spec = try call.input.enumeration("KeyPairSpec", Self.keyPairSpecs) else { throw KMSError.missing("keyPairSpec") }
        if call.input.fields["Recipient"] != nil { throw KMSError.unsupportedOperation("Recipient (Nitro Enclaves attestation) is not supported by Brume.") }
        let operation = withPlaintext ? "GenerateDataKeyPair" : "GenerateDataKeyPairWithoutPlaintext"
        let key = try await usableKey(reference, usage: "ENCRYPT_DECRYPT", operation: operation)
        guard key.keySpec == "SYMMETRIC_DEFAULT" else {
            throw KMSError.invalidKeyUsage("\(key.arn) key spec \(key.keySpec) is not valid for \(operation).")
        }
        guard KeySpecInfo.supported.contains(spec) else { throw KMSError.unsupportedOperation("KeyPairSpec \(spec) is not supported by Brume.") }
        try checkDryRun(call)
        let pair = try AsymmetricKeys.generatePair(spec: spec)
        let ciphertext = try encrypt(pair.privateKey, key: key, context: context, algorithm: "SYMMETRIC_DEFAULT")
        var output: JSONObject = [
            "PrivateKeyCiphertextBlob": Self.blob(ciphertext), "PublicKey": Self.blob(pair.publicKey), "KeyId": .string(key.arn),
            "KeyPairSpec": .string(spec), "KeyMaterialId": .string(key.current.materialID),
        ]
        if withPlaintext { output["PrivateKeyPlaintext"] = Self.blob(pair.privateKey) }
        return .object(output)
    }

    func generateMac(_ call: KMSCall) async throws -> JSONValue {
        let (key, algorithm, message) = try await macRequest(call, operation: "GenerateMac")
        try checkDryRun(call)
        let mac = try MessageAuthentication.mac(spec: key.keySpec, material: privateKey(key), message: message)
        return ["Mac": Self.blob(mac), "MacAlgorithm": .string(algorithm), "KeyId": .string(key.arn)]
    }

    func verifyMac(_ call: KMSCall) async throws -> JSONValue {
        let mac = try call.input.requiredBlob("Mac", length: 1...6144)
        let (key, algorithm, message) = try await macRequest(call, operation: "VerifyMac")
        try checkDryRun(call)
        guard try MessageAuthentication.isValid(mac, spec: key.keySpec, material: privateKey(key), message: message) else {
            throw KMSError.invalidMac
        }
        return ["KeyId": .string(key.arn), "MacValid": true, "MacAlgorithm": .string(algorithm)]
    }

    // MARK: Shared

    private func signingRequest(_ call: KMSCall, operation: String) async throws -> (KMSKey, String, [UInt8], Bool) {
        let reference = try call.reference()
        let message = try call.input.requiredBlob("Message", length: 1...4096)
        let messageType = try call.input.enumeration("MessageType", ["RAW", "DIGEST", "EXTERNAL_MU"]) ?? "RAW"
        guard let algorithm = try call.input.enumeration("SigningAlgorithm", Self.signingAlgorithms) else {
            throw KMSError.missing("signingAlgorithm")
        }
        guard messageType != "EXTERNAL_MU" else { throw KMSError.unsupportedOperation("MessageType EXTERNAL_MU is not supported by Brume.") }
        let key = try await usableKey(reference, usage: "SIGN_VERIFY", operation: operation)
        guard KeySpecInfo.signingAlgorithms(spec: key.keySpec, usage: key.keyUsage).contains(algorithm) else {
            throw KMSError.invalidKeyUsage("Algorithm \(algorithm) is incompatible with key spec \(key.keySpec).")
        }
        return (key, algorithm, message, messageType == "DIGEST")
    }

    private func macRequest(_ call: KMSCall, operation: String) async throws -> (KMSKey, String, [UInt8]) {
        let reference = try call.reference()
        let message = try call.input.requiredBlob("Message", length: 1...4096)
        guard let algorithm = try call.input.enumeration("MacAlgorithm", Self.macAlgorithms) else { throw KMSError.missing("macAlgorithm") }
        let key = try await usableKey(reference, usage: "GENERATE_VERIFY_MAC", operation: operation)
        guard KeySpecInfo.macAlgorithms(spec: key.keySpec).contains(algorithm) else {
            throw KMSError.invalidKeyUsage("Algorithm \(algorithm) is incompatible with key spec \(key.keySpec).")
        }
        return (key, algorithm, message)
    }

    /// The key's (only) material: asymmetric and HMAC keys never rotate.
    private func privateKey(_ key: KMSKey) throws -> [UInt8] {
        guard let material = try backend.material(of: key, version: key.current.version) else { throw KMSError.internalFailure("no material") }
        return material
    }
}
