import BrumeCore
import BrumeEdge
import BrumeWire
import Foundation
import Testing
@testable import BrumeKMS

/// Grants and key policies: stored, listed and validated (not enforced).
@Suite struct GrantAndPolicyTests: KMSServiceSuite {
    let dataDirectory: DataDirectory
    let clock = ManualWallClock()

    init() throws {
        dataDirectory = try Self.makeDataDirectory()
    }

    @Test func grantsAreCreatedIdempotentlyListedRetiredAndRevoked() async throws {
        let service = try open()
        let id = try #require(try await service.createKey(call([:]))["KeyMetadata"]?["KeyId"])
        let request: JSONValue = [
            "KeyId": id, "GranteePrincipal": "arn:aws:iam::000000000000:role/app", "RetiringPrincipal": "arn:aws:iam::000000000000:role/admin",
            "Operations": ["Decrypt", "Encrypt"], "Name": "app-grant", "Constraints": ["EncryptionContextSubset": ["app": "x"]],
        ]
        let first = try await service.createGrant(call(request))
        let again = try await service.createGrant(call(request))
        #expect(first["GrantId"] == again["GrantId"])
        let other = try await service.createGrant(call(["KeyId": id, "GranteePrincipal": "arn:aws:iam::000000000000:role/b", "Operations": ["Sign"]]))
        let listed = try await service.listGrants(call(["KeyId": id]))
        #expect(listed["Grants"]?.arrayValue?.count == 2)
        let entry = try #require(listed["Grants"]?.arrayValue?.first)
        #expect(entry["Operations"] == ["Decrypt", "Encrypt"])
        #expect(entry["Constraints"]?["EncryptionContextSubset"] == ["app": "x"])
        #expect(entry["IssuingAccount"] == "arn:aws:iam::000000000000:root")
        let retirable = try await service.listRetirableGrants(call(["RetiringPrincipal": "arn:aws:iam::000000000000:role/admin"]))
        #expect(retirable["Grants"]?.arrayValue?.map { $0["GrantId"] } == [first["GrantId"]])
        _ = try await service.retireGrant(call(["GrantToken": first["GrantToken"] ?? nil]))
        await #expect(throws: KMSError.self) { try await service.retireGrant(call(["GrantToken": first["GrantToken"] ?? nil])) }
        _ = try await service.revokeGrant(call(["KeyId": id, "GrantId": other["GrantId"] ?? nil]))
        #expect(try await service.listGrants(call(["KeyId": id]))["Grants"] == [])
        await #expect(throws: KMSError.self) {
            try await service.createGrant(call(["KeyId": id, "GranteePrincipal": "p", "Operations": ["Fly"]]))
        }
        // Grants survive a restart with the key.
        _ = try await service.createGrant(call(request))
        #expect(try await open().listGrants(call(["KeyId": id]))["Grants"]?.arrayValue?.count == 1)
    }

    @Test func keyPoliciesAreValidatedAsResourcePolicies() async throws {
        let service = try open()
        let id = try #require(try await service.createKey(call([:]))["KeyMetadata"]?["KeyId"])
        let policy = try #require(try await service.getKeyPolicy(call(["KeyId": id]))["Policy"]?.stringValue)
        #expect(policy.contains("\"Id\" : \"key-default-1\""))
        let mine = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"kms:*","Resource":"*"}]}"#
        _ = try await service.putKeyPolicy(call(["KeyId": id, "PolicyName": "default", "Policy": .string(mine)]))
        #expect(try await service.getKeyPolicy(call(["KeyId": id]))["Policy"] == .string(mine))
        let noPrincipal = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#
        await #expect(throws: KMSError.self) { try await service.putKeyPolicy(call(["KeyId": id, "Policy": .string(noPrincipal)])) }
        await #expect(throws: KMSError.self) { try await service.putKeyPolicy(call(["KeyId": id, "Policy": "{"])) }
        await #expect(throws: KMSError.self) { try await service.getKeyPolicy(call(["KeyId": id, "PolicyName": "other"])) }
        #expect(try await service.listKeyPolicies(call(["KeyId": id]))["PolicyNames"] == ["default"])
    }
}
