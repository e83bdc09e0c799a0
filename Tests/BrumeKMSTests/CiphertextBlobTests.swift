import Foundation
import Testing
@testable import BrumeKMS
import BrumeKMSBlob

@Suite struct CiphertextBlobTests {
    let keyID = "1234abcd-12ab-34cd-56ef-1234567890ab"
    let material = KeyMaterial.random(32)

    @Test func roundTripsThroughItsBytes() throws {
        let bytes = try SymmetricCipher.encrypt(Array("hello".utf8), material: material, keyID: keyID, version: 3, context: ["a": "b"])
        let blob = try #require(CiphertextBlob.parse(bytes))
        #expect(blob.keyID == keyID)
        #expect(blob.materialVersion == 3)
        #expect(blob.bytes == bytes)
        #expect(SymmetricCipher.decrypt(blob, material: material, context: ["a": "b"]) == Array("hello".utf8))
    }

    @Test func refusesWhatIsNotABlob() {
        #expect(CiphertextBlob.parse([]) == nil)
        #expect(CiphertextBlob.parse([UInt8](repeating: 1, count: CiphertextBlob.minimumSize - 1)) == nil)
        var other = [UInt8](repeating: 0x61, count: 100)
        other[0] = 0x02
        #expect(CiphertextBlob.parse(other) == nil)
        var badID = [UInt8](repeating: 0x61, count: 100)
        badID[0] = 0x01
        #expect(CiphertextBlob.parse(badID) == nil)
    }

    @Test func wrongContextWrongKeyOrTamperingIsInvalidCiphertext() throws {
        let bytes = try SymmetricCipher.encrypt(Array("secret".utf8), material: material, keyID: keyID, version: 0, context: ["purpose": "test"])
        let blob = try #require(CiphertextBlob.parse(bytes))
        #expect(SymmetricCipher.decrypt(blob, material: material, context: [:]) == nil)
        #expect(SymmetricCipher.decrypt(blob, material: material, context: ["purpose": "other"]) == nil)
        #expect(SymmetricCipher.decrypt(blob, material: KeyMaterial.random(32), context: ["purpose": "test"]) == nil)
        #expect(SymmetricCipher.decrypt(blob, material: material, context: ["purpose": "test"]) == Array("secret".utf8))
        // Every byte is covered: the header through the AAD, the rest through GCM.
        for index in bytes.indices {
            var tampered = bytes
            tampered[index] ^= 0x01
            guard let changed = CiphertextBlob.parse(tampered) else { continue }
            #expect(SymmetricCipher.decrypt(changed, material: material, context: ["purpose": "test"]) == nil)
        }
    }

    @Test func contextEncodingIsOrderFreeAndUnambiguous() {
        #expect(EncryptionContext.canonical(["a": "1", "b": "2"]) == EncryptionContext.canonical(["b": "2", "a": "1"]))
        #expect(EncryptionContext.canonical(["ab": "c"]) != EncryptionContext.canonical(["a": "bc"]))
        #expect(EncryptionContext.canonical([:]).isEmpty)
    }
}

@Suite struct KeyNamesTests {
    @Test func readsTheFourWaysToNameAKey() throws {
        let id = "1234abcd-12ab-34cd-56ef-1234567890ab"
        #expect(try KeyNames.reference(id, account: "1", region: "r") == .key(id: id, account: "1", region: "r"))
        #expect(try KeyNames.reference("arn:aws:kms:eu-west-1:2:key/\(id)", account: "1", region: "r")
            == .key(id: id, account: "2", region: "eu-west-1"))
        #expect(try KeyNames.reference("alias/x", account: "1", region: "r") == .alias(name: "alias/x", account: "1", region: "r"))
        #expect(try KeyNames.reference("arn:aws:kms:eu-west-1:2:alias/x", account: "1", region: "r")
            == .alias(name: "alias/x", account: "2", region: "eu-west-1"))
        #expect(throws: KMSError.notFound("Invalid keyId 'nope'")) { try KeyNames.reference("nope", account: "1", region: "r") }
        #expect(throws: KMSError.self) { try KeyNames.reference("arn:aws:s3:::bucket", account: "1", region: "r") }
    }

    @Test func aliasNameRules() throws {
        try KeyNames.checkAliasName("alias/my-key_1:x/y")
        #expect(throws: KMSError.self) { try KeyNames.checkAliasName("my-key") }
        #expect(throws: KMSError.self) { try KeyNames.checkAliasName("alias/") }
        #expect(throws: KMSError.self) { try KeyNames.checkAliasName("alias/a b") }
        #expect(throws: KMSError.notAuthorized("Cannot create alias with prefix 'alias/aws/'")) { try KeyNames.checkAliasName("alias/aws/s3") }
        #expect(throws: KMSError.self) { try KeyNames.checkAliasName("alias/" + String(repeating: "a", count: 251)) }
    }
}

@Suite struct MasterKeyTests {
    @Test func isMadeOnceWithMode0600AndSealsBoundToTheKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kms-master-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try MasterKey.load(folder: folder)
        let path = folder.appendingPathComponent("master.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
        let material = KeyMaterial.random(32)
        let sealed = try first.seal(material, keyID: "k", version: 1)
        #expect(!sealed.contains(material))
        let second = try MasterKey.load(folder: folder)
        #expect(try second.unseal(sealed, keyID: "k", version: 1) == material)
        #expect(throws: (any Error).self) { try second.unseal(sealed, keyID: "k", version: 2) }
        #expect(throws: (any Error).self) { try second.unseal(sealed, keyID: "other", version: 1) }
    }

    @Test func aBrokenMasterKeyStopsTheServiceInsteadOfBeingReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kms-master-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("master.key")
        try Data([1, 2, 3]).write(to: file)
        #expect(throws: KMSError.self) { try MasterKey.load(folder: folder) }
        #expect(try Data(contentsOf: file) == Data([1, 2, 3]))
    }
}

extension Data {
    func contains(_ bytes: [UInt8]) -> Bool { range(of: Data(bytes)) != nil }
}
