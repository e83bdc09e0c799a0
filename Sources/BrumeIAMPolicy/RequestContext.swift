/// The context keys of one request (`aws:SourceIp`, `aws:username`, `s3:prefix`, …) and their values.
///
/// Keys compare case-insensitively, as IAM compares them. Every key holds a list: single-valued
/// keys hold one value, multivalued keys (`aws:TagKeys`) any number, which the `ForAnyValue:`
/// and `ForAllValues:` operators range over.
public struct RequestContext: Sendable, Equatable {
    private var values: [String: [String]] = [:]

    public init() {}

    /// A context with one value per key.
    public init(_ single: [String: String]) {
        for (key, value) in single { self[key] = [value] }
    }

    /// The values of `key`, or nil when the request does not carry it; setting nil removes it.
    public subscript(key: String) -> [String]? {
        get { values[key.lowercased()] }
        set { values[key.lowercased()] = newValue }
    }

    /// The single value of `key` (its first one).
    public func value(_ key: String) -> String? { self[key]?.first }
}

/// Who makes a request, as the evaluator needs to know them.
public struct RequestPrincipal: Sendable, Equatable {
    /// The kinds of principal AWS tells apart during evaluation.
    public enum Kind: Sendable, Equatable {
        /// The account's root user: allowed everything in its own account unless explicitly denied.
        case root
        case user
        /// A role session (`arn:aws:sts::…:assumed-role/role/session`); ``roleARN`` names the role.
        case assumedRole
        case federatedUser
        /// An AWS service (`lambda.amazonaws.com`), named by ``arn``.
        case service
        /// An unsigned request.
        case anonymous
    }

    public let kind: Kind
    /// The principal's ARN (`arn:aws:iam::123456789012:user/alice`), or the service's name.
    public let arn: String
    /// The principal's account id.
    public let account: String
    /// For a role session, the role's own ARN, which resource policies may name instead of the session.
    public let roleARN: String?

    public init(kind: Kind, arn: String, account: String, roleARN: String? = nil) {
        self.kind = kind
        self.arn = arn
        self.account = account
        self.roleARN = roleARN
    }

    /// The root user of `account`.
    public static func root(account: String, partition: String = "aws") -> RequestPrincipal {
        RequestPrincipal(kind: .root, arn: "arn:\(partition):iam::\(account):root", account: account)
    }
}
