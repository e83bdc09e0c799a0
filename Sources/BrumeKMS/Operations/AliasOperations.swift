import BrumeWire

/// CreateAlias, UpdateAlias, DeleteAlias, ListAliases.
extension KMSService {
    func createAlias(_ call: KMSCall) async throws -> JSONValue {
        let name = try call.input.requiredString("AliasName")
        try KeyNames.checkAliasName(name)
        let key = try await targetKey(call)
        guard key.state != .pendingDeletion else { throw KMSError.invalidState("\(key.arn) is pending deletion.") }
        let now = await backend.now
        try await backend.createAlias(KMSAlias(
            account: call.caller.accountID, region: call.caller.region, name: name, targetKeyID: key.id, created: now, updated: now
        ))
        return [:]
    }

    /// The new key must be of the same kind (symmetric, asymmetric or HMAC) and usage as the old.
    func updateAlias(_ call: KMSCall) async throws -> JSONValue {
        let name = try call.input.requiredString("AliasName")
        try KeyNames.checkAliasName(name)
        let key = try await targetKey(call)
        let account = call.caller.accountID, region = call.caller.region
        guard var alias = await backend.alias(account: account, region: region, name: name) else {
            throw KMSError.notFound("Alias '\(KeyNames.aliasARN(region: region, account: account, name: name))' is not found.")
        }
        guard key.state != .pendingDeletion else { throw KMSError.invalidState("\(key.arn) is pending deletion.") }
        let old = try await backend.key(.key(id: alias.targetKeyID, account: account, region: region))
        guard Self.kind(old.keySpec) == Self.kind(key.keySpec), old.keyUsage == key.keyUsage else {
            throw KMSError.validation(
                "\(name) is currently associated with a key of type \(old.keySpec) and usage \(old.keyUsage); the new key must be of the same type and usage."
            )
        }
        alias.targetKeyID = key.id
        alias.updated = await backend.now
        try await backend.saveAlias(alias)
        return [:]
    }

    func deleteAlias(_ call: KMSCall) async throws -> JSONValue {
        let name = try call.input.requiredString("AliasName")
        let account = call.caller.accountID, region = call.caller.region
        guard let alias = await backend.alias(account: account, region: region, name: name) else {
            throw KMSError.notFound("Alias '\(KeyNames.aliasARN(region: region, account: account, name: name))' is not found.")
        }
        try await backend.deleteAlias(alias)
        return [:]
    }

    /// Aliases in name order; with `KeyId`, only that key's.
    func listAliases(_ call: KMSCall) async throws -> JSONValue {
        let limit = try call.input.limit(default: 50, maximum: 100)
        var keyID: String?
        if call.input.fields["KeyId"] != nil {
            keyID = try await backend.key(call.reference()).id
        }
        let aliases = await backend.aliases(account: call.caller.accountID, region: call.caller.region)
            .filter { keyID == nil || $0.targetKeyID == keyID }
        let (page, next) = try Self.page(aliases, marker: call.input.string("Marker"), kind: "aliases", limit: limit, id: \.name)
        return Self.listing("Aliases", page.map { alias in
            [
                "AliasName": .string(alias.name), "AliasArn": .string(alias.arn), "TargetKeyId": .string(alias.targetKeyID),
                "CreationDate": .double(alias.created), "LastUpdatedDate": .double(alias.updated),
            ]
        }, next: next)
    }

    /// The key `TargetKeyId` names: a key id or key ARN, never an alias.
    private func targetKey(_ call: KMSCall) async throws -> KMSKey {
        let reference = try call.reference("TargetKeyId")
        if case .alias = reference {
            throw KMSError.validation("Aliases must refer to keys. Not aliases")
        }
        return try await backend.key(reference)
    }

    private static func kind(_ spec: String) -> String {
        if spec == "SYMMETRIC_DEFAULT" { return "symmetric" }
        return spec.hasPrefix("HMAC_") ? "hmac" : "asymmetric"
    }
}
