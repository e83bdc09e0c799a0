import BrumeKMSBlob
import BrumeWire
import Foundation

/// Encrypt, Decrypt, ReEncrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateRandom.
extension KMSService {
    static let encryptionAlgorithms = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"]

    func encrypt(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        let reference = try call.reference()
        let plaintext = try input.requiredBlob("Plaintext", length: 1...4096)
        let context = try input.stringMap("EncryptionContext")
        let algorithm = try input.enumeration("EncryptionAlgorithm", Self.encryptionAlgorithms) ?? "SYMMETRIC_DEFAULT"
        let key = try await usableKey(reference, usage: "ENCRYPT_DECRYPT", operation: "Encrypt")
        try Self.checkEncryptionAlgorithm(algorithm, key: key)
        try checkDryRun(call)
        let ciphertext = try encrypt(plaintext, key: key, context: context, algorithm: algorithm)
        return ["CiphertextBlob": Self.blob(ciphertext), "KeyId": .string(key.arn), "EncryptionAlgorithm": .string(algorithm)]
    }

    func decrypt(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        let ciphertext = try input.requiredBlob("CiphertextBlob", length: 1...6144)
        let context = try input.stringMap("EncryptionContext")
        let reference = input.fields["KeyId"] == nil ? nil : try call.reference()
        let algorithm = try input.enumeration("EncryptionAlgorithm", Self.encryptionAlgorithms)
        if input.fields["Recipient"] != nil { throw KMSError.unsupportedOperation("Recipient (Nitro Enclaves attestation) is not supported by Brume.") }
        let opened = try await decrypt(ciphertext, reference: reference, context: context, algorithm: algorithm, caller: call)
        try checkDryRun(call)
        var output: JSONObject = [
            "KeyId": .string(opened.key.arn), "Plaintext": Self.blob(opened.plaintext), "EncryptionAlgorithm": .string(opened.algorithm),
        ]
        if let materialID = opened.materialID { output["KeyMaterialId"] = .string(materialID) }
        return .object(output)
    }

    func reEncrypt(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        let ciphertext = try input.requiredBlob("CiphertextBlob", length: 1...6144)
        let destination = try call.reference("DestinationKeyId")
        let sourceContext = try input.stringMap("SourceEncryptionContext")
        let destinationContext = try input.stringMap("DestinationEncryptionContext")
        let source = input.fields["SourceKeyId"] == nil ? nil : try call.reference("SourceKeyId")
        let sourceAlgorithm = try input.enumeration("SourceEncryptionAlgorithm", Self.encryptionAlgorithms)
        let destinationAlgorithm = try input.enumeration("DestinationEncryptionAlgorithm", Self.encryptionAlgorithms) ?? "SYMMETRIC_DEFAULT"
        let opened = try await decrypt(ciphertext, reference: source, context: sourceContext, algorithm: sourceAlgorithm, caller: call)
        let key = try await usableKey(destination, usage: "ENCRYPT_DECRYPT", operation: "ReEncrypt")
        try Self.checkEncryptionAlgorithm(destinationAlgorithm, key: key)
        try checkDryRun(call)
        let output = try encrypt(opened.plaintext, key: key, context: destinationContext, algorithm: destinationAlgorithm)
        var object: JSONObject = [
            "CiphertextBlob": Self.blob(output), "SourceKeyId": .string(opened.key.arn), "KeyId": .string(key.arn),
            "SourceEncryptionAlgorithm": .string(opened.algorithm), "DestinationEncryptionAlgorithm": .string(destinationAlgorithm),
        ]
        if let materialID = opened.materialID { object["SourceKeyMaterialId"] = .string(materialID) }
        if key.keySpec == "SYMMETRIC_DEFAULT" { object["DestinationKeyMaterialId"] = .string(key.current.materialID) }
        return .object(object)
    }

    func generateDataKey(_ call: KMSCall) async throws -> JSONValue {
        try await generateDataKey(call, withPlaintext: true)
    }

    func generateDataKeyWithoutPlaintext(_ call: KMSCall) async throws -> JSONValue {
        try await generateDataKey(call, withPlaintext: false)
    }

    /// A new data key of `NumberOfBytes` (1-1024) or `KeySpec` (AES_256, AES_128): exactly one.
    private func generateDataKey(_ call: KMSCall, withPlaintext: Bool) async throws -> JSONValue {
        let input = call.input
        let reference = try call.reference()
        let context = try input.stringMap("EncryptionContext")
        let count = try input.int("NumberOfBytes", in: 1...1024)
        let spec = try input.enumeration("KeySpec", ["AES_256", "AES_128"])
        if input.fields["Recipient"] != nil { throw KMSError.unsupportedOperation("Recipient (Nitro Enclaves attestation) is not supported by Brume.") }
        let size: Int
        switch (count, spec) {
        case (let count?, nil): size = Int(count)
        case (nil, "AES_128"?): size = 16
        case (nil, _?): size = 32
        default: throw KMSError.validation("Please specify either number of bytes or key spec.")
        }
        let operation = withPlaintext ? "GenerateDataKey" : "GenerateDataKeyWithoutPlaintext"
        let key = try await usableKey(reference, usage: "ENCRYPT_DECRYPT", operation: operation)
        guard key.keySpec == "SYMMETRIC_DEFAULT" else {
            throw KMSError.invalidKeyUsage("\(key.arn) key usage is ENCRYPT_DECRYPT but key spec \(key.keySpec) is not valid for \(operation).")
        }
        try checkDryRun(call)
        let plaintext = KeyMaterial.random(size)
        let ciphertext = try encrypt(plaintext, key: key, context: context, algorithm: "SYMMETRIC_DEFAULT")
        var output: JSONObject = ["CiphertextBlob": Self.blob(ciphertext), "KeyId": .string(key.arn), "KeyMaterialId": .string(key.current.materialID)]
        if withPlaintext { output["Plaintext"] = Self.blob(plaintext) }
        return .object(output)
    }

    func generateRandom(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        guard let count = try input.int("NumberOfBytes", in: 1...1024) else {
            throw KMSError.validation("Please specify number of bytes.")
        }
        if try input.string("CustomKeyStoreId") != nil {
            throw KMSError.unsupportedOperation("Custom key stores are not supported by Brume.")
        }
        if input.fields["Recipient"] != nil { throw KMSError.unsupportedOperation("Recipient (Nitro Enclaves attestation) is not supported by Brume.") }
        return ["Plaintext": Self.blob(KeyMaterial.random(Int(count)))]
    }

    // MARK: Shared

    /// The key `reference` names, enabled and of `usage`.
    func usableKey(_ reference: KeyNames.Reference, usage: String, operation: String) async throws -> KMSKey {
        let key = try await backend.key(reference)
        try key.checkUsable()
        guard key.keyUsage == usage else {
            throw KMSError.invalidKeyUsage("\(key.arn) key usage is \(key.keyUsage) which is not valid for \(operation).")
        }
        return key
    }

    static func checkEncryptionAlgorithm(_ algorithm: String, key: KMSKey) throws(KMSError) {
        guard KeySpecInfo.encryptionAlgorithms(spec: key.keySpec, usage: key.keyUsage).contains(algorithm) else {
            throw .invalidKeyUsage("Algorithm \(algorithm) is incompatible with key spec \(key.keySpec).")
        }
    }

    func checkDryRun(_ call: KMSCall) throws {
        if try call.input.bool("DryRun") == true { throw KMSError.dryRun }
    }

    /// Encrypts under `key`'s current material (symmetric) or public key (RSA).
    func encrypt(_ plaintext: [UInt8], key: KMSKey, context: [String: String], algorithm: String) throws -> [UInt8] {
        if key.keySpec != "SYMMETRIC_DEFAULT" {
            guard let privateKey = try backend.material(of: key, version: key.current.version) else { throw KMSError.internalFailure("no material") }
            return try RSACipher.encrypt(plaintext, privateKey: privateKey, algorithm: algorithm)
        }
        let current = key.current
        guard let material = try backend.material(of: key, version: current.version) else { throw KMSError.internalFailure("no material") }
        return try SymmetricCipher.encrypt(plaintext, material: material, keyID: key.id, version: current.version, context: context)
    }

    struct Opened {
        var key: KMSKey
        var plaintext: [UInt8]
        var algorithm: String
        var materialID: String?
    }

    /// Decrypts a blob: symmetric blobs name their key and material version; RSA ciphertexts
    /// need `reference` and the algorithm. A blob that is not one, or whose tag does not match,
    /// is InvalidCiphertextException; a blob of another key than `reference` is IncorrectKeyException.
    func decrypt(
        _ ciphertext: [UInt8], reference: KeyNames.Reference?, context: [String: String], algorithm: String?, caller call: KMSCall
    ) async throws -> Opened {
        if let reference {
            let key = try await usableKey(reference, usage: "ENCRYPT_DECRYPT", operation: "Decrypt")
            if key.keySpec != "SYMMETRIC_DEFAULT" {
                guard let algorithm, algorithm != "SYMMETRIC_DEFAULT" else {
                    throw KMSError.invalidKeyUsage("Algorithm \(algorithm ?? "SYMMETRIC_DEFAULT") is incompatible with key spec \(key.keySpec).")
                }
                try Self.checkEncryptionAlgorithm(algorithm, key: key)
                guard let privateKey = try backend.material(of: key, version: key.current.version) else {
                    throw KMSError.internalFailure("no material")
                }
                let plaintext = try RSACipher.decrypt(ciphertext, privateKey: privateKey, algorithm: algorithm)
                return Opened(key: key, plaintext: plaintext, algorithm: algorithm, materialID: nil)
            }
            guard let blob = CiphertextBlob.parse(ciphertext) else { throw KMSError.invalidCiphertext("") }
            guard blob.keyID == key.id else {
                throw KMSError.incorrectKey("The key ID in the request does not identify a CMK that can perform this operation.")
            }
            return try open(blob, key: key, context: context, algorithm: algorithm)
        }
        guard let blob = CiphertextBlob.parse(ciphertext) else { throw KMSError.invalidCiphertext("") }
        let key: KMSKey
        do {
            key = try await backend.key(.key(id: blob.keyID, account: call.caller.accountID, region: call.caller.region))
        } catch {
            throw KMSError.invalidCiphertext("")
        }
        try key.checkUsable()
        return try open(blob, key: key, context: context, algorithm: algorithm)
    }

    private func open(_ blob: CiphertextBlob, key: KMSKey, context: [String: String], algorithm: String?) throws -> Opened {
        if let algorithm, algorithm != "SYMMETRIC_DEFAULT" {
            throw KMSError.invalidKeyUsage("Algorithm \(algorithm) is incompatible with key spec \(key.keySpec).")
        }
        guard let sealed = key.material(version: blob.materialVersion),
              let material = try backend.material(of: key, version: blob.materialVersion) else {
            throw KMSError.invalidCiphertext("")
        }
        guard let plaintext = SymmetricCipher.decrypt(blob, material: material, context: context) else {
            throw KMSError.invalidCiphertext("")
        }
        return Opened(key: key, plaintext: plaintext, algorithm: "SYMMETRIC_DEFAULT", materialID: sealed.materialID)
    }

    static func blob(_ bytes: [UInt8]) -> JSONValue {
        .string(Data(bytes).base64EncodedString())
    }
}
