@testable import BrumeIAMPolicy

/// Builders shared by the test files: a policy from JSON text and the usual principals.
enum Fixtures {
    static let account = "123456789012"
    static let otherAccount = "210987654321"
    static let alice = RequestPrincipal(kind: .user, arn: "arn:aws:iam::123456789012:user/alice", account: account)
    static let bob = RequestPrincipal(kind: .user, arn: "arn:aws:iam::210987654321:user/bob", account: otherAccount)

    static func identity(_ text: String, id: String = "policy") throws -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyDocument(parsing: text, kind: .identity))
    }

    static func resource(_ text: String, id: String = "resource-policy") throws -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyDocument(parsing: text, kind: .resource))
    }

    /// A 2012-10-17 identity policy with one statement built from its members' JSON.
    static func statement(_ members: String, version: String = "2012-10-17") throws -> NamedPolicy {
        try identity(#"{"Version":"\#(version)","Statement":{\#(members)}}"#)
    }

    static func request(
        _ action: String, _ resource: String = "*", principal: RequestPrincipal = alice, resourceAccount: String? = nil,
        context: RequestContext = RequestContext()
    ) -> AuthorizationRequest {
        AuthorizationRequest(principal: principal, action: action, resource: resource, resourceAccount: resourceAccount, context: context)
    }

    static func decide(_ policies: [NamedPolicy], _ request: AuthorizationRequest) -> Decision {
        PolicyEvaluator.evaluate(request, identityPolicies: policies).decision
    }

    /// The reason IAM would refuse `text` as a policy of `kind`, or nil when it accepts it.
    static func refusal(_ text: String, kind: PolicyKind = .identity) -> String? {
        do {
            _ = try PolicyDocument(parsing: text, kind: kind)
            return nil
        } catch {
            return error.message
        }
    }
}
