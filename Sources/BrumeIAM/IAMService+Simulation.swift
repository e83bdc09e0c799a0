import BrumeIAMPolicy
import BrumeWire
import Foundation

extension IAMService {
    /// SimulateCustomPolicy: the given identity policies (and resource policy) against each action and resource.
    func simulateCustomPolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let texts = call.strings("PolicyInputList")
        guard !texts.isEmpty else { throw .missing("PolicyInputList") }
        var policies: [NamedPolicy] = []
        for (index, text) in texts.enumerated() {
            policies.append(NamedPolicy(id: "PolicyInputList.\(index + 1)", document: try IAMValidation.document(text, kind: .identity)))
        }
        let caller = call.string("CallerArn")
        let principal = caller.map { RequestPrincipal(kind: $0.contains(":assumed-role/") ? .assumedRole : .user, arn: $0, account: Self.account(of: $0) ?? call.account) }
            ?? RequestPrincipal(kind: .user, arn: "arn:aws:iam::\(call.account):user/simulated", account: call.account)
        return try simulate(call, principal: principal, policies: policies, boundary: nil)
    }

    /// SimulatePrincipalPolicy: the policies of a user (its groups' too) or a role.
    func simulatePrincipalPolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let source = try call.required("PolicySourceArn")
        guard let account = Self.account(of: source), let resource = source.split(separator: ":", maxSplits: 5).last else {
            throw .invalidInput("Invalid ARN \(source).")
        }
        let name = String(resource.split(separator: "/").last ?? "")
        let (policies, boundary, kind): ([NamedPolicy], NamedPolicy?, RequestPrincipal.Kind) = try backend.read(account) { (holdings: IAMAccount) throws(IAMError) in
            var named: [NamedPolicy] = []
            func add(_ id: String, _ text: String?) {
                guard let text, let document = try? PolicyDocument(parsing: text, kind: .identity) else { return }
                named.append(NamedPolicy(id: id, document: document))
            }
            var boundaryARN: String?
            if resource.hasPrefix("user/") {
                let user = try holdings.user(name)
                for (policyName, text) in user.inlinePolicies.sorted(by: { $0.key < $1.key }) { add(policyName, text) }
                for arn in user.attachedPolicies { add(arn, holdings.defaultDocument(of: arn)) }
                for group in holdings.groups.values.sorted(by: { $0.name < $1.name }) where group.members.contains(name) {
                    for (policyName, text) in group.inlinePolicies.sorted(by: { $0.key < $1.key }) { add(policyName, text) }
                    for arn in group.attachedPolicies { add(arn, holdings.defaultDocument(of: arn)) }
                }
                boundaryARN = user.permissionsBoundary
            } else if resource.hasPrefix("role/") {
                let role = try holdings.role(name)
                for (policyName, text) in role.inlinePolicies.sorted(by: { $0.key < $1.key }) { add(policyName, text) }
                for arn in role.attachedPolicies { add(arn, holdings.defaultDocument(of: arn)) }
                boundaryARN = role.permissionsBoundary
            } else if resource.hasPrefix("group/") {
                let group = try holdings.group(name)
                for (policyName, text) in group.inlinePolicies.sorted(by: { $0.key < $1.key }) { add(policyName, text) }
                for arn in group.attachedPolicies { add(arn, holdings.defaultDocument(of: arn)) }
            } else {
                throw .invalidInput("Invalid ARN \(source).")
            }
            var boundary: NamedPolicy?
            if let boundaryARN, let text = holdings.defaultDocument(of: boundaryARN), let document = try? PolicyDocument(parsing: text, kind: .identity) {
                boundary = NamedPolicy(id: boundaryARN, document: document)
            }
            return (named, boundary, resource.hasPrefix("role/") ? .assumedRole : .user)
        }
        var extra: [NamedPolicy] = []
        for (index, text) in call.strings("PolicyInputList").enumerated() {
            extra.append(NamedPolicy(id: "PolicyInputList.\(index + 1)", document: try IAMValidation.document(text, kind: .identity)))
        }
        let principal = RequestPrincipal(kind: kind, arn: call.string("CallerArn") ?? source, account: account,
                                         roleARN: kind == .assumedRole ? source : nil)
        return try simulate(call, principal: principal, policies: policies + extra, boundary: boundary)
    }

    static func account(of arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        return String(parts[4])
    }

    func simulate(_ call: IAMCall, principal: RequestPrincipal, policies: [NamedPolicy], boundary: NamedPolicy?) throws(IAMError) -> JSONObject {
        let actions = call.strings("ActionNames")
        guard !actions.isEmpty else { throw .missing("ActionNames") }
        let resources = call.strings("ResourceArns").isEmpty ? ["*"] : call.strings("ResourceArns")
        var resourcePolicy: NamedPolicy?
        if let text = call.string("ResourcePolicy") {
            resourcePolicy = NamedPolicy(id: "ResourcePolicy", document: try IAMValidation.document(text, kind: .resource))
        }
        let resourceOwner = call.string("ResourceOwner").flatMap(Self.account(of:))
        var context = RequestContext()
        context["aws:CurrentTime"] = [AWSTimestamp.iso8601(Date(timeIntervalSince1970: backend.now))]
        context["aws:EpochTime"] = [String(Int(backend.now))]
        context["aws:PrincipalArn"] = [principal.arn]
        context["aws:PrincipalAccount"] = [principal.account]
        if principal.kind == .user, let name = principal.arn.split(separator: "/").last { context["aws:username"] = [String(name)] }
        for entry in call.input["ContextEntries"]?.arrayValue ?? [] {
            guard let key = entry["ContextKeyName"]?.stringValue else { continue }
            context[key] = entry["ContextKeyValues"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        var results: [JSONValue] = []
        for action in actions {
            for resource in resources {
                let request = AuthorizationRequest(principal: principal, action: action, resource: resource,
                                                   resourceAccount: resourceOwner, context: context)
                let result = PolicyEvaluator.evaluate(request, identityPolicies: policies, resourcePolicy: resourcePolicy, permissionsBoundary: boundary)
                let decision: String = switch result.decision {
                case .allowed: "allowed"
                case .explicitDeny: "explicitDeny"
                case .implicitDeny: "implicitDeny"
                }
                let statements: [JSONValue] = result.matchedStatements.map { statement in
                    [
                        "SourcePolicyId": .string(statement.policyID),
                        "SourcePolicyType": .string(statement.policyID == "ResourcePolicy" ? "resource" : "IAM Policy"),
                    ]
                }
                results.append([
                    "EvalActionName": .string(action), "EvalResourceName": .string(resource), "EvalDecision": .string(decision),
                    "MatchedStatements": .array(statements), "MissingContextValues": .array([]),
                ])
            }
        }
        return ["EvaluationResults": .array(results), "IsTruncated": false]
    }
}
