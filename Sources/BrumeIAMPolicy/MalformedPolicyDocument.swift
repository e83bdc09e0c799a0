/// Why IAM refuses a policy document: the reason is IAM's own message, which IAM returns as a
/// `MalformedPolicyDocument` error, so the service can answer it as it is.
public struct MalformedPolicyDocument: Error, Sendable, Equatable, CustomStringConvertible {
    /// IAM's message, e.g. "Syntax errors in policy.".
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static let syntax = MalformedPolicyDocument("Syntax errors in policy.")
    static let legacyParsing = MalformedPolicyDocument("The policy failed legacy parsing")
    static let principalForbidden = MalformedPolicyDocument("Policy document should not specify a principal.")
    static let principalMissing = MalformedPolicyDocument("Missing required field Principal")
    static let actionsMissing = MalformedPolicyDocument("Policy statement must contain actions.")
    static let resourcesMissing = MalformedPolicyDocument("Policy statement must contain resources.")
    static let vendorMissing = MalformedPolicyDocument("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
    static let duplicateSid = MalformedPolicyDocument("Statement IDs (SID) in a single policy must be unique.")
    static let sidCharacters = MalformedPolicyDocument(
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*")

    static func invalidPrincipal(_ type: String, _ value: String) -> MalformedPolicyDocument {
        MalformedPolicyDocument("Invalid principal in policy: \"\(type)\":\"\(value)\"")
    }

    static func invalidResource(_ resource: String) -> MalformedPolicyDocument {
        MalformedPolicyDocument("Resource \(resource) must be in ARN format or \"*\".")
    }

    static func invalidPartition(_ partition: String, _ resource: String) -> MalformedPolicyDocument {
        MalformedPolicyDocument("Partition \"\(partition)\" is not valid for resource \"\(resource)\".")
    }

    static func invalidConditionType(_ name: String) -> MalformedPolicyDocument {
        MalformedPolicyDocument("Invalid Condition type : \(name).")
    }
}
