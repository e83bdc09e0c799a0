import BrumeWire

/// EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand,
/// ListKeyRotations. Only symmetric keys rotate, as in AWS; old material stays to decrypt.
extension KMSService {
    static let maximumOnDemandRotations = 10

    func enableKeyRotation(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let days = Int(try call.input.int("RotationPeriodInDays", in: 90...2560) ?? 365)
        let key = try await rotatableKey(reference)
        try key.checkUsable()
        try await backend.update(key.id) { key, now throws(KMSError) in
            key.rotationEnabled = true
            key.rotationPeriodInDays = days
            key.nextRotationDate = now + Double(days) * 86_400
        }
        return [:]
    }

    func disableKeyRotation(_ call: KMSCall) async throws -> JSONValue {
        let key = try await rotatableKey(call.reference())
        try key.checkUsable()
        try await backend.update(key.id) { key, _ throws(KMSError) in
            key.rotationEnabled = false
            key.rotationPeriodInDays = nil
            key.nextRotationDate = nil
        }
        return [:]
    }

    func getKeyRotationStatus(_ call: KMSCall) async throws -> JSONValue {
        let key = try await rotatableKey(call.reference())
        var output: JSONObject = ["KeyRotationEnabled": .bool(key.rotationEnabled), "KeyId": .string(key.arn)]
        if key.rotationEnabled {
            if let days = key.rotationPeriodInDays { output["RotationPeriodInDays"] = .int(Int64(days)) }
            if let next = key.nextRotationDate { output["NextRotationDate"] = .double(next) }
        }
        return .object(output)
    }

    /// Rotates now; at most 10 on-demand rotations per key (LimitExceededException), as in AWS.
    func rotateKeyOnDemand(_ call: KMSCall) async throws -> JSONValue {
        let key = try await rotatableKey(call.reference())
        try key.checkUsable()
        guard key.materials.filter({ $0.rotationType == "ON_DEMAND" }).count < Self.maximumOnDemandRotations else {
            throw KMSError.limitExceeded("The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: \(key.arn)")
        }
        try await backend.rotate(key.id, type: "ON_DEMAND")
        return ["KeyId": .string(key.id)]
    }

    /// Rotations oldest first; with IncludeKeyMaterial ALL_KEY_MATERIAL the original material too.
    func listKeyRotations(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let limit = try call.input.limit()
        let include = try call.input.enumeration("IncludeKeyMaterial", ["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"]) ?? "ROTATIONS_ONLY"
        let key = try await rotatableKey(reference)
        let materials = include == "ALL_KEY_MATERIAL" ? key.materials : key.materials.filter { $0.rotationType != nil }
        let (page, next) = try Self.page(materials, marker: call.input.string("Marker"), kind: "rotations", limit: limit, id: \.materialID)
        return Self.listing("Rotations", page.map { material in
            var entry: JSONObject = [
                "KeyId": .string(key.id), "KeyMaterialId": .string(material.materialID),
                "KeyMaterialState": .string(material.version == key.current.version ? "CURRENT" : "NON_CURRENT"),
            ]
            if let type = material.rotationType {
                entry["RotationDate"] = .double(material.created)
                entry["RotationType"] = .string(type)
            }
            return .object(entry)
        }, next: next)
    }

    /// A symmetric encryption key; others are UnsupportedOperationException.
    private func rotatableKey(_ reference: KeyNames.Reference) async throws -> KMSKey {
        let key = try await backend.key(reference)
        guard key.keySpec == "SYMMETRIC_DEFAULT" else {
            throw KMSError.unsupportedOperation("\(key.arn) key spec \(key.keySpec) is not supported for this operation.")
        }
        return key
    }
}
