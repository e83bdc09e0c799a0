import BrumeWire

/// CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, UpdateKeyDescription,
/// ScheduleKeyDeletion, CancelKeyDeletion.
extension KMSService {
    func createKey(_ call: KMSCall) async throws -> JSONValue {
        let input = call.input
        let policy = try input.string("Policy")
        let description = try input.string("Description") ?? ""
        guard description.utf8.count <= 8192 else {
            throw KMSError.constraint(description, at: "description", "Member must have length less than or equal to 8192")
        }
        let usage = try input.enumeration("KeyUsage", KeySpecInfo.allUsages)
        let legacySpec = try input.enumeration("CustomerMasterKeySpec", KeySpecInfo.allSpecs)
        let keySpec = try input.enumeration("KeySpec", KeySpecInfo.allSpecs)
        if legacySpec != nil, keySpec != nil {
            throw KMSError.validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.")
        }
        let spec = keySpec ?? legacySpec ?? "SYMMETRIC_DEFAULT"
        let origin = try input.enumeration("Origin", ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]) ?? "AWS_KMS"
        guard origin == "AWS_KMS" else { throw KMSError.unsupportedOperation("Origin \(origin) is not supported by Brume.") }
        if try input.string("CustomKeyStoreId") != nil || input.string("XksKeyId") != nil {
            throw KMSError.unsupportedOperation("Custom key stores are not supported by Brume.")
        }
        if try input.bool("MultiRegion") == true {
            throw KMSError.unsupportedOperation("Multi-Region keys are not supported by Brume.")
        }
        let keyUsage = usage ?? "ENCRYPT_DECRYPT"
        guard KeySpecInfo.usages(spec).contains(keyUsage) else {
            throw KMSError.validation("KeyUsage \(keyUsage) is not compatible with KeySpec \(spec)")
        }
        guard KeySpecInfo.supported.contains(spec) else {
            throw KMSError.unsupportedOperation("KeySpec \(spec) is not supported by Brume.")
        }
        guard keyUsage != "KEY_AGREEMENT" else {
            throw KMSError.unsupportedOperation("KeyUsage KEY_AGREEMENT is not supported by Brume.")
        }
        if let policy { try Self.checkPolicy(policy) }
        let tags = try input.tags("Tags") ?? []
        let key = try await backend.createKey(
            account: call.caller.accountID, region: call.caller.region, description: description, usage: keyUsage, spec: spec,
            policy: policy, tags: tags
        )
        return ["KeyMetadata": key.metadata]
    }

    func describeKey(_ call: KMSCall) async throws -> JSONValue {
        let key = try await backend.key(call.reference())
        return ["KeyMetadata": key.metadata]
    }

    func listKeys(_ call: KMSCall) async throws -> JSONValue {
        let limit = try call.input.limit()
        let keys = await backend.keys(account: call.caller.accountID, region: call.caller.region)
        let (page, next) = try Self.page(keys, marker: call.input.string("Marker"), kind: "keys", limit: limit, id: \.id)
        return Self.listing(
            "Keys", page.map { ["KeyId": .string($0.id), "KeyArn": .string($0.arn)] }, next: next
        )
    }

    func enableKey(_ call: KMSCall) async throws -> JSONValue {
        let key = try await backend.key(call.reference())
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.state = .enabled
        }
        return [:]
    }

    func disableKey(_ call: KMSCall) async throws -> JSONValue {
        let key = try await backend.key(call.reference())
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.state = .disabled
        }
        return [:]
    }

    func updateKeyDescription(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let description = try call.input.requiredString("Description")
        guard description.utf8.count <= 8192 else {
            throw KMSError.constraint(description, at: "description", "Member must have length less than or equal to 8192")
        }
        let key = try await backend.key(reference)
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.description = description
        }
        return [:]
    }

    /// The key waits `PendingWindowInDays` (7-30, default 30) of stack time, refusing all use,
    /// then is deleted with its aliases.
    func scheduleKeyDeletion(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let days = Int(try call.input.int("PendingWindowInDays", in: 7...30) ?? 30)
        let key = try await backend.key(reference)
        let updated = try await backend.update(key.id) { key, now throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.state = .pendingDeletion
            key.deletionDate = now + Double(days) * 86_400
            key.pendingWindowInDays = days
        }
        return [
            "KeyId": .string(updated.arn), "DeletionDate": .double(updated.deletionDate ?? 0), "KeyState": "PendingDeletion",
            "PendingWindowInDays": .int(Int64(days)),
        ]
    }

    /// The key comes back Disabled, as in AWS.
    func cancelKeyDeletion(_ call: KMSCall) async throws -> JSONValue {
        let key = try await backend.key(call.reference())
        let updated = try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state == .pendingDeletion else { throw .invalidState("\(key.arn) is not pending deletion.") }
            key.state = .disabled
            key.deletionDate = nil
            key.pendingWindowInDays = nil
        }
        return ["KeyId": .string(updated.arn)]
    }

    // MARK: Listing

    /// The page of `items` after `marker` (an opaque token naming the last item returned) and
    /// the marker for the next page, if any.
    static func page<Item>(
        _ items: [Item], marker: String?, kind: String, limit: Int, id: (Item) -> String
    ) throws(KMSError) -> ([Item], String?) {
        var start = 0
        if let marker {
            guard let last = ListingToken.payload(marker, kind: kind), let index = items.firstIndex(where: { id($0) == last }) else {
                throw .invalidMarker
            }
            start = index + 1
        }
        let page = Array(items[start...].prefix(limit))
        let more = start + page.count < items.count
        return (page, more ? page.last.map { ListingToken.make(kind, id($0)) } : nil)
    }

    static func listing(_ member: String, _ entries: [JSONValue], next: String?) -> JSONValue {
        var object: JSONObject = [member: .array(entries), "Truncated": .bool(next != nil)]
        if let next { object["NextMarker"] = .string(next) }
        return .object(object)
    }
}
