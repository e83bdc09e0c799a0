import BrumeWire

/// GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. Policies are stored and returned; they are not
/// enforced (that belongs to `auth: iam`).
extension KMSService {
    func getKeyPolicy(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let name = try policyName(call)
        let key = try await backend.key(reference)
        return ["Policy": .string(key.policy), "PolicyName": .string(name)]
    }

    func putKeyPolicy(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        _ = try policyName(call)
        let policy = try call.input.requiredString("Policy")
        try Self.checkPolicy(policy)
        let key = try await backend.key(reference)
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.policy = policy
        }
        return [:]
    }

    func listKeyPolicies(_ call: KMSCall) async throws -> JSONValue {
        _ = try await backend.key(call.reference())
        _ = try call.input.limit(default: 100, maximum: 1000)
        return ["PolicyNames": ["default"], "Truncated": false]
    }

    /// A key has one policy, `default`; PolicyName may be omitted (as GetKeyPolicy allows).
    private func policyName(_ call: KMSCall) throws(KMSError) -> String {
        let name = try call.input.string("PolicyName") ?? "default"
        guard name == "default" else { throw KMSError.notFound("No such policy exists") }
        return name
    }

    /// A policy is 1-32768 characters of JSON with a `Statement`; anything else is
    /// MalformedPolicyDocumentException.
    static func checkPolicy(_ policy: String) throws(KMSError) {
        guard (1...32_768).contains(policy.count) else {
            throw .constraint(nil, at: "policy", "Member must have length less than or equal to 32768")
        }
        guard let document = try? JSONValue.parse(Array(policy.utf8)), let object = document.objectValue,
              object["Statement"] != nil else {
            throw .malformedPolicy("The new key policy will not allow you to update the key policy in the future.")
        }
    }
}
