import BrumeWire
import Foundation

/// CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. Grants are stored
/// and listed as AWS does; they grant nothing yet, since nothing is enforced before `auth: iam`.
extension KMSService {
    static let grantOperations = [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify",
        "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateMac", "VerifyMac", "DeriveSharedSecret",
    ]
    static let maximumGrantsPerKey = 50_000

    /// A grant with the same name and the same parameters as an existing one returns that grant,
    /// as AWS does for retried CreateGrant calls.
    func createGrant(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        let reference = try call.reference()
        let grantee = try input.requiredString("GranteePrincipal")
        try Self.checkPrincipal(grantee, member: "granteePrincipal")
        let retiring = try input.string("RetiringPrincipal")
        if let retiring { try Self.checkPrincipal(retiring, member: "retiringPrincipal") }
        guard let operations = try input.stringList("Operations") else { throw KMSError.missing("operations") }
        for operation in operations where !Self.grantOperations.contains(operation) {
            throw KMSError.constraint(
                "[\(operations.joined(separator: ", "))]", at: "operations",
                "Member must satisfy constraint: [Member must satisfy enum value set: [\(Self.grantOperations.joined(separator: ", "))]]"
            )
        }
        guard !operations.isEmpty else { throw KMSError.validation("Grant operations must not be empty") }
        let name = try input.string("Name")
        if let name {
            guard (1...256).contains(name.utf8.count),
                  name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ":/_-".unicodeScalars.contains($0)) }) else {
                throw KMSError.constraint(name, at: "name", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")
            }
        }
        var subset: [String: String]?
        var equals: [String: String]?
        if let constraints = input.fields["Constraints"], !constraints.isNull {
            let inner = KMSInput(constraints)
            if inner.fields["EncryptionContextSubset"] != nil { subset = try inner.stringMap("EncryptionContextSubset") }
            if inner.fields["EncryptionContextEquals"] != nil { equals = try inner.stringMap("EncryptionContextEquals") }
        }
        let key = try await backend.key(reference)
        if case .alias = reference { throw KMSError.notFound("Invalid keyId '\(try input.requiredString("KeyId"))'") }
        try key.checkUsable()
        try checkDryRun(call)
        let sortedOperations = operations.sorted()
        var result: KMSGrant?
        try await backend.update(key.id) { key, now throws(KMSError) in
            var grants = key.grants ?? []
            if let name, let same = grants.first(where: {
                $0.name == name && $0.granteePrincipal == grantee && $0.retiringPrincipal == retiring && $0.operations.sorted() == sortedOperations
                    && $0.subset == subset && $0.equals == equals
            }) {
                result = same
                return
            }
            guard grants.count < Self.maximumGrantsPerKey else { throw .limitExceeded("The grant limit for the key has been reached.") }
            let grant = KMSGrant(
                id: KeyMaterial.random(32).map { String(format: "%02x", $0) }.joined(),
                token: Data(KeyMaterial.random(96)).base64EncodedString(), name: name, created: now, granteePrincipal: grantee,
                retiringPrincipal: retiring, issuingAccount: "arn:aws:iam::\(call.caller.accountID):root", operations: operations,
                subset: subset, equals: equals
            )
            grants.append(grant)
            key.grants = grants
            result = grant
        }
        guard let result else { throw KMSError.internalFailure("no grant") }
        return ["GrantToken": .string(result.token), "GrantId": .string(result.id)]
    }

    func listGrants(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let limit = try call.input.limit(default: 50, maximum: 100)
        let grantID = try call.input.string("GrantId")
        let grantee = try call.input.string("GranteePrincipal")
        let key = try await backend.key(reference)
        let grants = (key.grants ?? []).filter { (grantID == nil || $0.id == grantID) && (grantee == nil || $0.granteePrincipal == grantee) }
        let (page, next) = try Self.page(grants, marker: call.input.string("Marker"), kind: "grants", limit: limit, id: \.id)
        return Self.listing("Grants", page.map { Self.describe($0, key: key) }, next: next)
    }

    func listRetirableGrants(_ call: KMSCall) async throws -> JSONValue {
        let retiring = try call.input.requiredString("RetiringPrincipal")
        try Self.checkPrincipal(retiring, member: "retiringPrincipal")
        let limit = try call.input.limit(default: 50, maximum: 100)
        let matches = await backend.grants(account: call.caller.accountID, region: call.caller.region) { $0.retiringPrincipal == retiring }
        let (page, next) = try Self.page(matches, marker: call.input.string("Marker"), kind: "retirable", limit: limit, id: \.1.id)
        return Self.listing("Grants", page.map { Self.describe($0.1, key: $0.0) }, next: next)
    }

    /// By `GrantToken`, or by `KeyId` (an ARN) and `GrantId`.
    func retireGrant(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        if let token = try input.string("GrantToken") {
            let matches = await backend.grants(account: call.caller.accountID, region: call.caller.region) { $0.token == token }
            guard let (key, grant) = matches.first else { throw KMSError.invalidGrantToken("Invalid grant token") }
            try checkDryRun(call)
            try await removeGrant(grant.id, from: key)
            return [:]
        }
        guard input.fields["KeyId"] != nil, let grantID = try input.string("GrantId") else {
            throw KMSError.validation("Grant token OR (grant ID, key ID) are required")
        }
        let key = try await backend.key(call.reference())
        guard (key.grants ?? []).contains(where: { $0.id == grantID }) else { throw KMSError.notFound("Grant ID not found") }
        try checkDryRun(call)
        try await removeGrant(grantID, from: key)
        return [:]
    }

    func revokeGrant(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let grantID = try call.input.requiredString("GrantId")
        let key = try await backend.key(reference)
        guard (key.grants ?? []).contains(where: { $0.id == grantID }) else { throw KMSError.invalidGrantId("Grant ID not found") }
        try checkDryRun(call)
        try await removeGrant(grantID, from: key)
        return [:]
    }

    private func removeGrant(_ grantID: String, from key: KMSKey) async throws {
        try await backend.update(key.id) { key, _ throws(KMSError) in
            key.grants?.removeAll { $0.id == grantID }
        }
    }

    /// A principal: 1-256 characters of `[\w+=,.@:/-]`.
    private static func checkPrincipal(_ principal: String, member: String) throws(KMSError) {
        guard (1...256).contains(principal.utf8.count) else {
            throw .constraint(principal, at: member, "Member must have length between 1 and 256")
        }
        guard principal.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_+=,.@:/-".unicodeScalars.contains($0)) }) else {
            throw .constraint(principal, at: member, "Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$")
        }
    }

    static func describe(_ grant: KMSGrant, key: KMSKey) -> JSONValue {
        var entry: JSONObject = [
            "KeyId": .string(key.arn), "GrantId": .string(grant.id), "CreationDate": .double(grant.created),
            "GranteePrincipal": .string(grant.granteePrincipal), "IssuingAccount": .string(grant.issuingAccount),
            "Operations": .array(grant.operations.map { .string($0) }),
        ]
        if let name = grant.name { entry["Name"] = .string(name) }
        if let retiring = grant.retiringPrincipal { entry["RetiringPrincipal"] = .string(retiring) }
        var constraints: JSONObject = [:]
        if let subset = grant.subset { constraints["EncryptionContextSubset"] = .object(JSONObject(subset.mapValues { JSONValue.string($0) })) }
        if let equals = grant.equals { constraints["EncryptionContextEquals"] = .object(JSONObject(equals.mapValues { JSONValue.string($0) })) }
        if !constraints.isEmpty { entry["Constraints"] = .object(constraints) }
        return .object(entry)
    }
}
