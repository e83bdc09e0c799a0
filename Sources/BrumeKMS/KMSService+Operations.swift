import BrumeWire

extension KMSService {
    typealias Operation = @Sendable (KMSService) -> @Sendable (KMSCall) async throws -> JSONValue

    /// The operations Brume implements; the model's others answer ``KMSError/notImplemented(_:)``.
    static let operations: [String: Operation] = {
        var table: [String: Operation] = [
            "CreateKey": KMSService.createKey,
            "DescribeKey": KMSService.describeKey,
            "ListKeys": KMSService.listKeys,
            "EnableKey": KMSService.enableKey,
            "DisableKey": KMSService.disableKey,
            "UpdateKeyDescription": KMSService.updateKeyDescription,
            "ScheduleKeyDeletion": KMSService.scheduleKeyDeletion,
            "CancelKeyDeletion": KMSService.cancelKeyDeletion,
            "CreateAlias": KMSService.createAlias,
            "UpdateAlias": KMSService.updateAlias,
            "DeleteAlias": KMSService.deleteAlias,
            "ListAliases": KMSService.listAliases,
            "TagResource": KMSService.tagResource,
            "UntagResource": KMSService.untagResource,
            "ListResourceTags": KMSService.listResourceTags,
            "GetKeyPolicy": KMSService.getKeyPolicy,
            "PutKeyPolicy": KMSService.putKeyPolicy,
            "ListKeyPolicies": KMSService.listKeyPolicies,
            "Encrypt": KMSService.encrypt,
            "Decrypt": KMSService.decrypt,
            "ReEncrypt": KMSService.reEncrypt,
            "GenerateDataKey": KMSService.generateDataKey,
            "GenerateDataKeyWithoutPlaintext": KMSService.generateDataKeyWithoutPlaintext,
            "GenerateRandom": KMSService.generateRandom,
            "EnableKeyRotation": KMSService.enableKeyRotation,
            "DisableKeyRotation": KMSService.disableKeyRotation,
            "GetKeyRotationStatus": KMSService.getKeyRotationStatus,
            "RotateKeyOnDemand": KMSService.rotateKeyOnDemand,
            "ListKeyRotations": KMSService.listKeyRotations,
            "Sign": KMSService.sign,
            "Verify": KMSService.verify,
            "GetPublicKey": KMSService.getPublicKey,
            "GenerateDataKeyPair": KMSService.generateDataKeyPair,
            "GenerateDataKeyPairWithoutPlaintext": KMSService.generateDataKeyPairWithoutPlaintext,
            "GenerateMac": KMSService.generateMac,
            "VerifyMac": KMSService.verifyMac,
            "CreateGrant": KMSService.createGrant,
            "ListGrants": KMSService.listGrants,
            "ListRetirableGrants": KMSService.listRetirableGrants,
            "RetireGrant": KMSService.retireGrant,
            "RevokeGrant": KMSService.revokeGrant,
        ]
        for name in unimplemented { table[name] = { _ in { _ in throw KMSError.notImplemented(name) } } }
        return table
    }()

    /// Operations of the KMS model (2014-11-01) Brume does not implement: custom key stores,
    /// imported key material, multi-Region replication, key agreement, and key usage history.
    static let unimplemented = [
        "ConnectCustomKeyStore", "CreateCustomKeyStore", "DeleteCustomKeyStore", "DeleteImportedKeyMaterial", "DeriveSharedSecret",
        "DescribeCustomKeyStores", "DisconnectCustomKeyStore", "GetKeyLastUsage", "GetParametersForImport", "ImportKeyMaterial",
        "ReplicateKey", "UpdateCustomKeyStore", "UpdatePrimaryRegion",
    ]
}
