import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import Testing
@testable import BrumeKMS
import BrumeKMSBlob

/// The service's operations called directly, on a manual clock, over a real data directory.
@Suite struct KMSServiceTests: KMSServiceSuite {
    let folder: URL
    let clock = ManualWallClock()
    let dataDirectory: DataDirectory

    init() throws {
        dataDirectory = try Self.makeDataDirectory()
        folder = dataDirectory.url
    }

    func createKey(_ service: KMSService, _ input: JSONValue = [:]) async throws -> String {
        let output = try await service.createKey(call(input))
        return try #require(output["KeyMetadata"]?["KeyId"]?.stringValue)
    }

    @Test func createDescribeAndListKeys() async throws {
        let service = try open()
        let created = try await service.createKey(call(["Description": "first", "Tags": [["TagKey": "team", "TagValue": "a"]]]))
        let metadata = try #require(created["KeyMetadata"])
        let id = try #require(metadata["KeyId"]?.stringValue)
        #expect(KeyNames.isKeyID(id))
        #expect(metadata["Arn"] == .string("arn:aws:kms:us-east-1:000000000000:key/\(id)"))
        #expect(metadata["KeySpec"] == "SYMMETRIC_DEFAULT")
        #expect(metadata["KeyUsage"] == "ENCRYPT_DECRYPT")
        #expect(metadata["KeyState"] == "Enabled")
        #expect(metadata["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"])
        #expect(metadata["CreationDate"] == .double(1_700_000_000))
        try await service.createAlias(call(["AliasName": "alias/first", "TargetKeyId": .string(id)]))
        for name in [id, "arn:aws:kms:us-east-1:000000000000:key/\(id)", "alias/first", "arn:aws:kms:us-east-1:000000000000:alias/first"] {
            let described = try await service.describeKey(call(["KeyId": .string(name)]))
            #expect(described["KeyMetadata"]?["KeyId"] == .string(id))
        }
        var ids = [id]
        for _ in 0..<4 { ids.append(try await createKey(service)) }
        var seen: [String] = []
        var marker: JSONValue?
        repeat {
            var input: JSONObject = ["Limit": 2]
            if let marker { input["Marker"] = marker }
            let page = try await service.listKeys(call(.object(input)))
            seen += page["Keys"]?.arrayValue?.compactMap { $0["KeyId"]?.stringValue } ?? []
            marker = page["Truncated"] == true ? page["NextMarker"] : nil
        } while marker != nil
        #expect(Set(seen) == Set(ids))
        #expect(seen.count == 5)
        await #expect(throws: KMSError.invalidMarker) { try await service.listKeys(call(["Marker": "bogus"])) }
        await #expect(throws: KMSError.validation(
            "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )) { try await service.describeKey(call(["KeyId": ""])) }
        await #expect(throws: KMSError.missing("keyId")) { try await service.describeKey(call([:])) }
    }

    @Test func encryptDecryptWithContextAndErrors() async throws {
        let service = try open()
        let id = try await createKey(service)
        let other = try await createKey(service)
        let encrypted = try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("top secret"), "EncryptionContext": ["app": "x"]]))
        let blob = try #require(encrypted["CiphertextBlob"])
        let decrypted = try await service.decrypt(call(["CiphertextBlob": blob, "EncryptionContext": ["app": "x"]]))
        #expect(bytes(decrypted["Plaintext"]) == Array("top secret".utf8))
        #expect(decrypted["KeyId"] == .string("arn:aws:kms:us-east-1:000000000000:key/\(id)"))
        await #expect(throws: KMSError.invalidCiphertext("")) { try await service.decrypt(call(["CiphertextBlob": blob])) }
        await #expect(throws: KMSError.incorrectKey("The key ID in the request does not identify a CMK that can perform this operation.")) {
            try await service.decrypt(call(["CiphertextBlob": blob, "KeyId": .string(other), "EncryptionContext": ["app": "x"]]))
        }
        var tampered = bytes(blob)
        tampered[tampered.count - 20] ^= 0xFF
        await #expect(throws: KMSError.invalidCiphertext("")) {
            try await service.decrypt(call(["CiphertextBlob": .string(Data(tampered).base64EncodedString()), "EncryptionContext": ["app": "x"]]))
        }
        let tooLong = JSONValue.string(Data(count: 4097).base64EncodedString())
        await #expect(throws: KMSError.self) { try await service.encrypt(call(["KeyId": .string(id), "Plaintext": tooLong])) }
        await #expect(throws: KMSError.self) {
            try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("x"), "EncryptionAlgorithm": "RSAES_OAEP_SHA_1"]))
        }
        // ReEncrypt moves a ciphertext to another key and context.
        let moved = try await service.reEncrypt(call([
            "CiphertextBlob": blob, "SourceEncryptionContext": ["app": "x"], "DestinationKeyId": .string(other),
        ]))
        let back = try await service.decrypt(call(["CiphertextBlob": try #require(moved["CiphertextBlob"])]))
        #expect(bytes(back["Plaintext"]) == Array("top secret".utf8))
        #expect(back["KeyId"]?.stringValue?.hasSuffix(other) == true)
    }

    @Test func dataKeysAndRandom() async throws {
        let service = try open()
        let id = try await createKey(service)
        let key = try await service.generateDataKey(call(["KeyId": .string(id), "KeySpec": "AES_256"]))
        #expect(bytes(key["Plaintext"]).count == 32)
        let opened = try await service.decrypt(call(["CiphertextBlob": try #require(key["CiphertextBlob"])]))
        #expect(opened["Plaintext"] == key["Plaintext"])
        let small = try await service.generateDataKeyWithoutPlaintext(call(["KeyId": .string(id), "NumberOfBytes": 7]))
        #expect(small["Plaintext"] == nil)
        let openedSmall = try await service.decrypt(call(["CiphertextBlob": try #require(small["CiphertextBlob"])]))
        #expect(bytes(openedSmall["Plaintext"]).count == 7)
        await #expect(throws: KMSError.validation("Please specify either number of bytes or key spec.")) {
            try await service.generateDataKey(call(["KeyId": .string(id)]))
        }
        await #expect(throws: KMSError.self) {
            try await service.generateDataKey(call(["KeyId": .string(id), "NumberOfBytes": 1025]))
        }
        let random = try await service.generateRandom(call(["NumberOfBytes": 64]))
        #expect(bytes(random["Plaintext"]).count == 64)
        await #expect(throws: KMSError.self) { try await service.generateRandom(call(["NumberOfBytes": 0])) }
    }

    @Test func disabledAndPendingDeletionKeysRefuseUseAndDeletionHappensOnTheClock() async throws {
        let service = try open()
        let id = try await createKey(service)
        let arn = "arn:aws:kms:us-east-1:000000000000:key/\(id)"
        let blob = try #require(try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("x")]))["CiphertextBlob"])
        _ = try await service.disableKey(call(["KeyId": .string(id)]))
        await #expect(throws: KMSError.disabled("\(arn) is disabled.")) { try await service.decrypt(call(["CiphertextBlob": blob])) }
        _ = try await service.enableKey(call(["KeyId": .string(id)]))
        await #expect(throws: KMSError.self) { try await service.scheduleKeyDeletion(call(["KeyId": .string(id), "PendingWindowInDays": 6])) }
        let scheduled = try await service.scheduleKeyDeletion(call(["KeyId": .string(id), "PendingWindowInDays": 7]))
        #expect(scheduled["DeletionDate"] == .double(1_700_000_000 + 7 * 86_400))
        #expect(scheduled["KeyState"] == "PendingDeletion")
        await #expect(throws: KMSError.invalidState("\(arn) is pending deletion.")) {
            try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("x")]))
        }
        _ = try await service.cancelKeyDeletion(call(["KeyId": .string(id)]))
        #expect(try await service.describeKey(call(["KeyId": .string(id)]))["KeyMetadata"]?["KeyState"] == "Disabled")
        _ = try await service.createAlias(call(["AliasName": "alias/doomed", "TargetKeyId": .string(id)]))
        _ = try await service.scheduleKeyDeletion(call(["KeyId": .string(id), "PendingWindowInDays": 7]))
        await #expect(throws: KMSError.invalidState("\(arn) is pending deletion.")) {
            try await service.createAlias(call(["AliasName": "alias/late", "TargetKeyId": .string(id)]))
        }
        clock.advance(by: 7 * 86_400 - 1)
        #expect(try await service.describeKey(call(["KeyId": .string(id)]))["KeyMetadata"]?["KeyState"] == "PendingDeletion")
        clock.advance(by: 1)
        await #expect(throws: KMSError.notFound("Key '\(arn)' does not exist")) { try await service.describeKey(call(["KeyId": .string(id)])) }
        let aliases = try await service.listAliases(call([:]))
        #expect(aliases["Aliases"] == [])
    }

    @Test func aliasesAndTags() async throws {
        let service = try open()
        let id = try await createKey(service)
        let second = try await createKey(service)
        _ = try await service.createAlias(call(["AliasName": "alias/app", "TargetKeyId": .string(id)]))
        await #expect(throws: KMSError.self) { try await service.createAlias(call(["AliasName": "alias/app", "TargetKeyId": .string(id)])) }
        await #expect(throws: KMSError.self) { try await service.createAlias(call(["AliasName": "alias/aws/s3", "TargetKeyId": .string(id)])) }
        await #expect(throws: KMSError.self) { try await service.createAlias(call(["AliasName": "alias/x", "TargetKeyId": "alias/app"])) }
        _ = try await service.updateAlias(call(["AliasName": "alias/app", "TargetKeyId": .string(second)]))
        let listed = try await service.listAliases(call(["KeyId": .string(second)]))
        #expect(listed["Aliases"]?.arrayValue?.first?["TargetKeyId"] == .string(second))
        _ = try await service.deleteAlias(call(["AliasName": "alias/app"]))
        await #expect(throws: KMSError.self) { try await service.deleteAlias(call(["AliasName": "alias/app"])) }

        _ = try await service.tagResource(call(["KeyId": .string(id), "Tags": [["TagKey": "a", "TagValue": "1"], ["TagKey": "b", "TagValue": "2"]]]))
        _ = try await service.tagResource(call(["KeyId": .string(id), "Tags": [["TagKey": "a", "TagValue": "3"]]]))
        _ = try await service.untagResource(call(["KeyId": .string(id), "TagKeys": ["b"]]))
        let tags = try await service.listResourceTags(call(["KeyId": .string(id)]))
        #expect(tags["Tags"] == [["TagKey": "a", "TagValue": "3"]])
        #expect(tags["Truncated"] == false)
    }

    @Test func rotationKeepsOldCiphertextsAndRotatesOnTheClock() async throws {
        let service = try open()
        let id = try await createKey(service)
        let old = try #require(try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("v0")]))["CiphertextBlob"])
        _ = try await service.rotateKeyOnDemand(call(["KeyId": .string(id)]))
        let new = try #require(try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("v1")]))["CiphertextBlob"])
        #expect(CiphertextBlob.parse(bytes(old))?.materialVersion == 0)
        #expect(CiphertextBlob.parse(bytes(new))?.materialVersion == 1)
        #expect(bytes(try await service.decrypt(call(["CiphertextBlob": old]))["Plaintext"]) == Array("v0".utf8))
        #expect(bytes(try await service.decrypt(call(["CiphertextBlob": new]))["Plaintext"]) == Array("v1".utf8))

        _ = try await service.enableKeyRotation(call(["KeyId": .string(id), "RotationPeriodInDays": 90]))
        let status = try await service.getKeyRotationStatus(call(["KeyId": .string(id)]))
        #expect(status["KeyRotationEnabled"] == true)
        #expect(status["RotationPeriodInDays"] == 90)
        #expect(status["NextRotationDate"] == .double(1_700_000_000 + 90 * 86_400))
        await #expect(throws: KMSError.self) { try await service.enableKeyRotation(call(["KeyId": .string(id), "RotationPeriodInDays": 89])) }
        clock.advance(by: 181 * 86_400)
        let rotations = try await service.listKeyRotations(call(["KeyId": .string(id)]))
        let types = rotations["Rotations"]?.arrayValue?.compactMap { $0["RotationType"]?.stringValue }
        #expect(types == ["ON_DEMAND", "AUTOMATIC", "AUTOMATIC"])
        #expect(rotations["Rotations"]?.arrayValue?.last?["RotationDate"] == .double(1_700_000_000 + 180 * 86_400))
        #expect(bytes(try await service.decrypt(call(["CiphertextBlob": old]))["Plaintext"]) == Array("v0".utf8))
        let latest = try #require(try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("v3")]))["CiphertextBlob"])
        #expect(CiphertextBlob.parse(bytes(latest))?.materialVersion == 3)
        _ = try await service.disableKeyRotation(call(["KeyId": .string(id)]))
        #expect(try await service.getKeyRotationStatus(call(["KeyId": .string(id)]))["KeyRotationEnabled"] == false)
    }

    @Test func keysSurviveReopeningAndMaterialIsNeverStoredInTheClear() async throws {
        let service = try open()
        let id = try await createKey(service)
        _ = try await service.createAlias(call(["AliasName": "alias/kept", "TargetKeyId": .string(id)]))
        let blob = try #require(try await service.encrypt(call(["KeyId": .string(id), "Plaintext": b64("durable")]))["CiphertextBlob"])
        let key = try await service.backend.key(.key(id: id, account: "000000000000", region: "us-east-1"))
        let material = try #require(try service.backend.material(of: key, version: 0))

        let reopened = try open()
        let opened = try await reopened.decrypt(call(["CiphertextBlob": blob]))
        #expect(bytes(opened["Plaintext"]) == Array("durable".utf8))
        #expect(try await reopened.describeKey(call(["KeyId": "alias/kept"]))["KeyMetadata"]?["KeyId"] == .string(id))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("kms").path) {
            let data = try Data(contentsOf: folder.appendingPathComponent("kms").appendingPathComponent(file))
            #expect(!data.contains(material), "material in the clear in \(file)")
        }
    }

    @Test func createKeyRefusesWhatBrumeOrAWSDoesNotAllow() async throws {
        let service = try open()
        await #expect(throws: KMSError.validation("KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT")) {
            try await service.createKey(call(["KeyUsage": "SIGN_VERIFY"]))
        }
        await #expect(throws: KMSError.self) { try await service.createKey(call(["KeySpec": "NOPE"])) }
        await #expect(throws: KMSError.self) { try await service.createKey(call(["MultiRegion": true])) }
        await #expect(throws: KMSError.self) { try await service.createKey(call(["Policy": "not json"])) }
        let listed = try await service.listKeys(call([:]))
        #expect(listed["Keys"] == [])
    }
}
