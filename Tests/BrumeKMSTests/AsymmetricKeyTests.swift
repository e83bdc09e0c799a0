import BrumeCore
import BrumeEdge
import BrumeWire
import Crypto
import Foundation
import Testing
@testable import BrumeKMS

/// RSA, ECC and HMAC keys through the service's operations.
@Suite struct AsymmetricKeyTests: KMSServiceSuite {
    let dataDirectory: DataDirectory
    let clock = ManualWallClock()

    init() throws {
        dataDirectory = try Self.makeDataDirectory()
    }

    func key(_ service: KMSService, spec: String, usage: String) async throws -> JSONValue {
        try #require(try await service.createKey(call(["KeySpec": .string(spec), "KeyUsage": .string(usage)]))["KeyMetadata"])
    }

    @Test func ecdsaSignaturesVerifyWithThePublicKeyForRawAndDigestMessages() async throws {
        let service = try open()
        let metadata = try await key(service, spec: "ECC_NIST_P256", usage: "SIGN_VERIFY")
        #expect(metadata["SigningAlgorithms"] == ["ECDSA_SHA_256"])
        #expect(metadata["EncryptionAlgorithms"] == nil)
        let id = try #require(metadata["KeyId"])
        let message = Array("sign me".utf8)
        let signed = try await service.sign(call(["KeyId": id, "Message": b64(message), "SigningAlgorithm": "ECDSA_SHA_256"]))
        let publicKey = try P256.Signing.PublicKey(derRepresentation: bytes(try await service.getPublicKey(call(["KeyId": id])).objectValue?["PublicKey"]))
        #expect(publicKey.isValidSignature(try P256.Signing.ECDSASignature(derRepresentation: bytes(signed["Signature"])), for: message))
        let digest = Array(SHA256.hash(data: message))
        let verified = try await service.verify(call([
            "KeyId": id, "Message": b64(digest), "MessageType": "DIGEST", "Signature": signed["Signature"] ?? nil, "SigningAlgorithm": "ECDSA_SHA_256",
        ]))
        #expect(verified["SignatureValid"] == true)
        await #expect(throws: KMSError.invalidSignature) {
            try await service.verify(call(["KeyId": id, "Message": b64(Array("other".utf8)), "Signature": signed["Signature"] ?? nil, "SigningAlgorithm": "ECDSA_SHA_256"]))
        }
        await #expect(throws: KMSError.self) {
            try await service.sign(call(["KeyId": id, "Message": b64([1, 2, 3]), "MessageType": "DIGEST", "SigningAlgorithm": "ECDSA_SHA_256"]))
        }
        await #expect(throws: KMSError.self) {
            try await service.sign(call(["KeyId": id, "Message": b64(message), "SigningAlgorithm": "RSASSA_PSS_SHA_256"]))
        }
        await #expect(throws: KMSError.self) { try await service.encrypt(call(["KeyId": id, "Plaintext": b64(message)])) }
    }

    @Test func rsaSigningBothPaddingsAndEncryption() async throws {
        let service = try open()
        let signing = try #require(try await key(service, spec: "RSA_2048", usage: "SIGN_VERIFY")["KeyId"])
        for algorithm in ["RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PSS_SHA_512"] {
            let signed = try await service.sign(call(["KeyId": signing, "Message": b64(Array("m".utf8)), "SigningAlgorithm": .string(algorithm)]))
            let verified = try await service.verify(call([
                "KeyId": signing, "Message": b64(Array("m".utf8)), "Signature": signed["Signature"] ?? nil, "SigningAlgorithm": .string(algorithm),
            ]))
            #expect(verified["SignatureValid"] == true)
        }
        let encrypting = try await key(service, spec: "RSA_2048", usage: "ENCRYPT_DECRYPT")
        #expect(encrypting["EncryptionAlgorithms"] == ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
        let id = try #require(encrypting["KeyId"])
        let encrypted = try await service.encrypt(call(["KeyId": id, "Plaintext": b64(Array("rsa".utf8)), "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"]))
        let decrypted = try await service.decrypt(call([
            "KeyId": id, "CiphertextBlob": encrypted["CiphertextBlob"] ?? nil, "EncryptionAlgorithm": "RSAES_OAEP_SHA_256",
        ]))
        #expect(bytes(decrypted["Plaintext"]) == Array("rsa".utf8))
        await #expect(throws: KMSError.invalidCiphertext("")) {
            try await service.decrypt(call(["KeyId": id, "CiphertextBlob": encrypted["CiphertextBlob"] ?? nil, "EncryptionAlgorithm": "RSAES_OAEP_SHA_1"]))
        }
        // 2048-bit OAEP with SHA-256 fits 190 bytes.
        await #expect(throws: KMSError.self) {
            try await service.encrypt(call(["KeyId": id, "Plaintext": b64([UInt8](repeating: 1, count: 191)), "EncryptionAlgorithm": "RSAES_OAEP_SHA_256"]))
        }
    }

    @Test func hmacKeysGenerateAndVerifyMacs() async throws {
        let service = try open()
        let metadata = try await key(service, spec: "HMAC_256", usage: "GENERATE_VERIFY_MAC")
        #expect(metadata["MacAlgorithms"] == ["HMAC_SHA_256"])
        let id = try #require(metadata["KeyId"])
        let mac = try await service.generateMac(call(["KeyId": id, "Message": b64(Array("msg".utf8)), "MacAlgorithm": "HMAC_SHA_256"]))
        #expect(bytes(mac["Mac"]).count == 32)
        let verified = try await service.verifyMac(call(["KeyId": id, "Message": b64(Array("msg".utf8)), "MacAlgorithm": "HMAC_SHA_256", "Mac": mac["Mac"] ?? nil]))
        #expect(verified["MacValid"] == true)
        await #expect(throws: KMSError.invalidMac) {
            try await service.verifyMac(call(["KeyId": id, "Message": b64(Array("msh".utf8)), "MacAlgorithm": "HMAC_SHA_256", "Mac": mac["Mac"] ?? nil]))
        }
        await #expect(throws: KMSError.self) {
            try await service.generateMac(call(["KeyId": id, "Message": b64(Array("msg".utf8)), "MacAlgorithm": "HMAC_SHA_512"]))
        }
        await #expect(throws: KMSError.self) { try await service.createKey(call(["KeySpec": "HMAC_256"])) }
        await #expect(throws: KMSError.unsupportedOperation("KeySpec HMAC_224 is not supported by Brume.")) {
            try await service.createKey(call(["KeySpec": "HMAC_224", "KeyUsage": "GENERATE_VERIFY_MAC"]))
        }
        await #expect(throws: KMSError.unsupportedOperation("KeySpec ECC_SECG_P256K1 is not supported by Brume.")) {
            try await service.createKey(call(["KeySpec": "ECC_SECG_P256K1", "KeyUsage": "SIGN_VERIFY"]))
        }
    }

    @Test func dataKeyPairsAreEncryptedUnderASymmetricKey() async throws {
        let service = try open()
        let id = try #require(try await service.createKey(call([:]))["KeyMetadata"]?["KeyId"])
        let pair = try await service.generateDataKeyPair(call(["KeyId": id, "KeyPairSpec": "ECC_NIST_P384", "EncryptionContext": ["a": "b"]]))
        let privateKey = try P384.Signing.PrivateKey(derRepresentation: bytes(pair["PrivateKeyPlaintext"]))
        #expect(Array(privateKey.publicKey.derRepresentation) == bytes(pair["PublicKey"]))
        let opened = try await service.decrypt(call(["CiphertextBlob": pair["PrivateKeyCiphertextBlob"] ?? nil, "EncryptionContext": ["a": "b"]]))
        #expect(opened["Plaintext"] == pair["PrivateKeyPlaintext"])
        let bare = try await service.generateDataKeyPairWithoutPlaintext(call(["KeyId": id, "KeyPairSpec": "RSA_2048"]))
        #expect(bare["PrivateKeyPlaintext"] == nil)
        await #expect(throws: KMSError.self) { try await service.getPublicKey(call(["KeyId": id])) }
    }
}
