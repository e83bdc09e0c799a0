/// A policy with the name the simulator reports it under (a policy ARN, `user/inline-name`, …).
public struct NamedPolicy: Sendable, Equatable {
    public let id: String
    public let document: PolicyDocument

    public init(id: String, document: PolicyDocument) {
        self.id = id
        self.document = document
    }
}

/// One request to authorize.
public struct AuthorizationRequest: Sendable, Equatable {
    public let principal: RequestPrincipal
    /// `service:Operation`, e.g. `s3:GetObject`; compared case-insensitively.
    public let action: String
    /// The resource's ARN, or `*` for actions on no particular resource.
    public let resource: String
    /// The account that owns the resource; nil for the principal's own account.
    public let resourceAccount: String?
    public let context: RequestContext

    public init(
        principal: RequestPrincipal, action: String, resource: String, resourceAccount: String? = nil,
        context: RequestContext = RequestContext()
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.context = context
    }
}

/// What AWS decides.
public enum Decision: String, Sendable, Equatable {
    case allowed
    case explicitDeny
    /// No statement allowed the request.
    case implicitDeny
}

/// A statement that matched, as the policy simulator reports it.
public struct MatchedStatement: Sendable, Equatable {
    public let policyID: String
    /// The statement's position in its policy, from 0.
    public let index: Int
    public let sid: String?
    public let effect: PolicyEffect
}

/// The decision and the statements that made it: the deny statements for an explicit deny, the
/// allow statements for an allow, none for an implicit deny.
public struct EvaluationResult: Sendable, Equatable {
    public let decision: Decision
    public let matchedStatements: [MatchedStatement]
}

/// AWS's policy evaluation logic, for one account plus resource policies.
///
/// An explicit Deny in any policy wins; otherwise the request is allowed when the policies that
/// apply allow it, and implicitly denied when none does. Within one account an allow from either
/// the identity policies or the resource policy suffices; across accounts both must allow. A
/// permissions boundary and session policies, when given, cap what the identity policies allow.
/// The root user is allowed everything in its own account that no policy explicitly denies.
public enum PolicyEvaluator {
    public static func evaluate(
        _ request: AuthorizationRequest,
        identityPolicies: [NamedPolicy],
        resourcePolicy: NamedPolicy? = nil,
        permissionsBoundary: NamedPolicy? = nil,
        sessionPolicies: [NamedPolicy] = []
    ) -> EvaluationResult {
        let identity = identityPolicies.flatMap { matches($0, request, checkPrincipal: false) }
        let resource = resourcePolicy.map { matches($0, request, checkPrincipal: true) } ?? []
        let boundary = permissionsBoundary.map { matches($0, request, checkPrincipal: false) }
        let session = sessionPolicies.isEmpty ? nil : sessionPolicies.flatMap { matches($0, request, checkPrincipal: false) }

        let everything = identity + resource + (boundary ?? []) + (session ?? [])
        let denies = everything.filter { $0.effect == .deny }
        if !denies.isEmpty { return EvaluationResult(decision: .explicitDeny, matchedStatements: denies) }

        let principal = request.principal
        let sameAccount = request.resourceAccount == nil || request.resourceAccount == principal.account
        let resourceAllows = resource.filter { $0.effect == .allow }
        if principal.kind == .root, sameAccount {
            return EvaluationResult(decision: .allowed, matchedStatements: resourceAllows + identity)
        }
        var identityAllows = identity
        if let boundary, !boundary.contains(where: { $0.effect == .allow }) { identityAllows = [] }
        if let session, !session.contains(where: { $0.effect == .allow }) { identityAllows = [] }
        if principal.kind == .service || principal.kind == .anonymous || principal.kind == .root { identityAllows = [] }

        let allowed: Bool
        if sameAccount {
            allowed = !identityAllows.isEmpty || !resourceAllows.isEmpty
        } else {
            allowed = !resourceAllows.isEmpty && (!identityAllows.isEmpty || principal.kind == .service || principal.kind == .anonymous)
        }
        if allowed { return EvaluationResult(decision: .allowed, matchedStatements: identityAllows + resourceAllows) }
        return EvaluationResult(decision: .implicitDeny, matchedStatements: [])
    }

    /// The statements of `policy` that apply to `request`.
    static func matches(_ policy: NamedPolicy, _ request: AuthorizationRequest, checkPrincipal: Bool) -> [MatchedStatement] {
        let document = policy.document
        var matched: [MatchedStatement] = []
        for (index, statement) in document.statements.enumerated()
        where applies(statement, version: document.version, request, checkPrincipal: checkPrincipal) {
            matched.append(MatchedStatement(policyID: policy.id, index: index, sid: statement.sid, effect: statement.effect))
        }
        return matched
    }

    static func applies(_ statement: PolicyStatement, version: PolicyVersion, _ request: AuthorizationRequest, checkPrincipal: Bool) -> Bool {
        if let actions = statement.actions {
            let any = actions.values.contains { actionMatches($0, request.action) }
            if any == actions.negated { return false }
        }
        if let resources = statement.resources {
            let any = resources.values.contains { pattern in
                guard let pattern = version.supportsVariables ? PolicyVariables.substitute(pattern, context: request.context) : pattern
                else { return false }
                return pattern == "*" || Wildcard.matchesARN(pattern, request.resource)
            }
            if any == resources.negated { return false }
        }
        if checkPrincipal, let principals = statement.principals {
            let any = principals.values.contains { principalMatches($0, request.principal) }
            if any == principals.negated { return false }
        }
        return ConditionEvaluator.holds(statement.conditions, version: version, context: request.context)
    }

    /// Whether an action pattern (`s3:Get*`, `*`) names `action`; service and name ignore case.
    static func actionMatches(_ pattern: String, _ action: String) -> Bool {
        pattern == "*" || Wildcard.matches(pattern, action, ignoringCase: true)
    }

    static func principalMatches(_ pattern: PrincipalPattern, _ principal: RequestPrincipal) -> Bool {
        switch pattern {
        case .anyone:
            return true
        case .account(let account):
            return principal.kind != .service && principal.kind != .anonymous && principal.account == account
        case .arn(let arn):
            return principal.kind != .service && (arn == principal.arn || arn == principal.roleARN)
        case .service(let name):
            return principal.kind == .service && (name == "*" || name == principal.arn)
        case .federated(let name):
            return principal.kind == .federatedUser && name == principal.arn
        case .canonicalUser:
            return false
        }
    }
}
