import BrumeWire
import Foundation

/// The states of a key Brume uses (of the model's KeyState enum).
enum KeyState: String, Codable, Sendable {
    case enabled = "Enabled"
    case disabled = "Disabled"
    case pendingDeletion = "PendingDeletion"
}

/// One version of a key's material, sealed by the stack master key: never in the clear at rest.
struct SealedMaterial: Codable, Sendable, Equatable {
    /// 0 for the material the key was created with, then 1, 2, … per rotation.
    var version: UInt32
    /// KeyMaterialId: 64 hex digits, as AWS shows it.
    var materialID: String
    /// When this material became current (the rotation date).
    var created: Double
    /// AUTOMATIC or ON_DEMAND for rotated material; nil for the original.
    var rotationType: String?
    /// AES-GCM (nonce, ciphertext, tag) of the material under the master key.
    var sealed: Data
}

/// A KMS key: its metadata, policy, tags, rotation settings and sealed material versions.
struct KMSKey: Codable, Sendable {
    var id: String
    var account: String
    var region: String
    var created: Double
    var description: String
    var keyUsage: String
    var keySpec: String
    var state: KeyState
    var deletionDate: Double?
    var pendingWindowInDays: Int?
    /// Tags in insertion order, as ListResourceTags returns them.
    var tags: [KeyTag]
    var policy: String
    var rotationEnabled: Bool
    var rotationPeriodInDays: Int?
    var nextRotationDate: Double?
    var materials: [SealedMaterial]
    /// Grants on the key; nil in documents stored before grants existed.
    var grants: [KMSGrant]?

    var arn: String { KeyNames.keyARN(region: region, account: account, id: id) }
    var current: SealedMaterial { materials[materials.count - 1] }

    /// KeyMetadata as DescribeKey, CreateKey and friends return it.
    var metadata: JSONValue {
        var object: JSONObject = [
            "AWSAccountId": .string(account), "KeyId": .string(id), "Arn": .string(arn), "CreationDate": .double(created),
            "Enabled": .bool(state == .enabled), "Description": .string(description), "KeyUsage": .string(keyUsage),
            "KeyState": .string(state.rawValue), "Origin": "AWS_KMS", "KeyManager": "CUSTOMER",
            "CustomerMasterKeySpec": .string(keySpec), "KeySpec": .string(keySpec), "MultiRegion": false,
        ]
        let encryption = KeySpecInfo.encryptionAlgorithms(spec: keySpec, usage: keyUsage)
        if !encryption.isEmpty { object["EncryptionAlgorithms"] = .array(encryption.map { .string($0) }) }
        let signing = KeySpecInfo.signingAlgorithms(spec: keySpec, usage: keyUsage)
        if !signing.isEmpty { object["SigningAlgorithms"] = .array(signing.map { .string($0) }) }
        let mac = KeySpecInfo.macAlgorithms(spec: keySpec)
        if !mac.isEmpty { object["MacAlgorithms"] = .array(mac.map { .string($0) }) }
        if let deletionDate { object["DeletionDate"] = .double(deletionDate) }
        if keySpec == "SYMMETRIC_DEFAULT" { object["CurrentKeyMaterialId"] = .string(current.materialID) }
        return .object(object)
    }

    /// Refuses use of a key that is not Enabled, with the error AWS gives for its state.
    func checkUsable() throws(KMSError) {
        switch state {
        case .enabled: return
        case .disabled: throw .disabled("\(arn) is disabled.")
        case .pendingDeletion: throw .invalidState("\(arn) is pending deletion.")
        }
    }

    func material(version: UInt32) -> SealedMaterial? {
        materials.first { $0.version == version }
    }
}

struct KeyTag: Codable, Sendable, Equatable {
    var key: String
    var value: String
}

/// An alias: a name in one account and region that points at a key.
struct KMSAlias: Codable, Sendable, Equatable {
    var account: String
    var region: String
    var name: String
    var targetKeyID: String
    var created: Double
    var updated: Double

    var arn: String { KeyNames.aliasARN(region: region, account: account, name: name) }
}

/// A grant: permission for a principal to use the key for some operations. Stored and listed;
/// not enforced (authorization belongs to `auth: iam`).
struct KMSGrant: Codable, Sendable, Equatable {
    var id: String
    var token: String
    var name: String?
    var created: Double
    var granteePrincipal: String
    var retiringPrincipal: String?
    var issuingAccount: String
    var operations: [String]
    /// `EncryptionContextSubset` / `EncryptionContextEquals`, as given.
    var subset: [String: String]?
    var equals: [String: String]?
}
