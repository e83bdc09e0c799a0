import BrumeIAMPolicy
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

    /// A policy is 1-32768 characters, validated by IAM's policy language as a resource policy
    /// (a `Principal` in every statement); a document it refuses is MalformedPolicyDocumentException
    /// with IAM's reason.
    static func checkPolicy(_ policy: String) throws(KMSError) {
        guard (1...32_768).contains(policy.count) else {
            throw .constraint(nil, at: "policy", "Member must have length less than or equal to 32768")
        }
        do {
            _ = try PolicyDocument(parsing: policy, kind: .resource)
        } catch {
            throw .malformedPolicy(error.message)
        }
    }
}
