/// A policy document IAM accepted: its version and its statements.
///
/// Built only by ``init(parsing:kind:)``, which validates it as IAM does, so every document the
/// evaluator sees is well formed.
public struct PolicyDocument: Sendable, Equatable {
    /// The `Version` element; a document without one is read as 2008-10-17, as IAM reads it.
    public let version: PolicyVersion
    /// The optional `Id` element.
    public let id: String?
    /// The statements, in document order.
    public let statements: [PolicyStatement]
}

/// The policy language versions IAM knows.
public enum PolicyVersion: String, Sendable, Equatable {
    /// The current language: policy variables are replaced.
    case v2012 = "2012-10-17"
    /// The legacy language: `${…}` is literal text.
    case v2008 = "2008-10-17"

    /// Whether `${…}` policy variables are replaced in this version.
    public var supportsVariables: Bool { self == .v2012 }
}

/// Where a policy is attached, which decides whether it must name a principal.
public enum PolicyKind: Sendable, Equatable {
    /// Attached to a user, group or role (managed or inline): no `Principal`, `Resource` required.
    case identity
    /// Attached to a resource (bucket, queue, function, key, secret): `Principal` required.
    case resource
    /// A role's trust policy: `Principal` required, no `Resource` needed.
    case trust
    /// A session policy passed to AssumeRole or a permissions boundary: as an identity policy.
    case session
}

/// `Allow` or `Deny`.
public enum PolicyEffect: String, Sendable, Equatable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One statement of a policy.
public struct PolicyStatement: Sendable, Equatable {
    public let sid: String?
    public let effect: PolicyEffect
    /// `Action` (positive) or `NotAction` (negated): action patterns such as `s3:Get*`.
    public let actions: Matchable<String>?
    /// `Resource` or `NotResource`: ARN patterns or `*`.
    public let resources: Matchable<String>?
    /// `Principal` or `NotPrincipal`.
    public let principals: Matchable<PrincipalPattern>?
    /// The `Condition` block: every clause must hold.
    public let conditions: [ConditionClause]
}

/// A list written under an element or under its `Not` form.
public struct Matchable<Element: Sendable & Equatable>: Sendable, Equatable {
    /// The patterns listed.
    public let values: [Element]
    /// Whether they were written under `NotAction`, `NotResource` or `NotPrincipal`.
    public let negated: Bool
}

/// One principal a statement names.
public enum PrincipalPattern: Sendable, Equatable {
    /// `"Principal": "*"` or `{"AWS": "*"}`: anyone, signed or not.
    case anyone
    /// `{"AWS": "123456789012"}` or `arn:aws:iam::123456789012:root`: any principal of that account.
    case account(String)
    /// `{"AWS": "arn:aws:iam::…:user/…"}` (and roles, assumed-role sessions, federated users).
    case arn(String)
    /// `{"Service": "lambda.amazonaws.com"}`.
    case service(String)
    /// `{"Federated": "cognito-identity.amazonaws.com"}` or a SAML/OIDC provider ARN.
    case federated(String)
    /// `{"CanonicalUser": "79a5…"}`.
    case canonicalUser(String)
}

/// One `operator: {key: values}` entry of a `Condition` block.
public struct ConditionClause: Sendable, Equatable {
    public let conditionOperator: ConditionOperator
    /// The context key as written (keys compare case-insensitively).
    public let key: String
    /// The values, as strings (JSON numbers and booleans are read as their text, as IAM does).
    public let values: [String]
}
