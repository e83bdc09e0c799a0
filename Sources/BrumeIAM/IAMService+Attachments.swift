import BrumeIAMPolicy
import BrumeWire

/// The identities that carry policies: users, groups and roles.
enum IAMIdentityKind {
    case user, group, role

    var parameter: String {
        switch self {
        case .user: "UserName"
        case .group: "GroupName"
        case .role: "RoleName"
        }
    }

    var noun: String {
        switch self {
        case .user: "user"
        case .group: "group"
        case .role: "role"
        }
    }

    /// All inline policies of one identity together, in characters without whitespace.
    var inlineLimit: Int {
        switch self {
        case .user: PolicySize.userInline
        case .group: PolicySize.groupInline
        case .role: PolicySize.roleInline
        }
    }
}

extension IAMAccount {
    /// The inline policies and attached ARNs of one identity; NoSuchEntity when it does not exist.
    func policies(of kind: IAMIdentityKind, _ name: String) throws(IAMError) -> (inline: [String: String], attached: [String]) {
        switch kind {
        case .user: let user = try user(name); return (user.inlinePolicies, user.attachedPolicies)
        case .group: let group = try group(name); return (group.inlinePolicies, group.attachedPolicies)
        case .role: let role = try role(name); return (role.inlinePolicies, role.attachedPolicies)
        }
    }

    mutating func setPolicies(of kind: IAMIdentityKind, _ name: String, inline: [String: String], attached: [String]) {
        switch kind {
        case .user: users[name]?.inlinePolicies = inline; users[name]?.attachedPolicies = attached
        case .group: groups[name]?.inlinePolicies = inline; groups[name]?.attachedPolicies = attached
        case .role: roles[name]?.inlinePolicies = inline; roles[name]?.attachedPolicies = attached
        }
    }
}

extension IAMService {
    func putInlinePolicy(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter)
        let policyName = try IAMValidation.name(call.required("PolicyName"), parameter: "policyName", maxLength: 128)
        let document = try call.required("PolicyDocument")
        _ = try IAMValidation.document(document, kind: .identity)
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var (inline, attached) = try account.policies(of: kind, name)
            inline[policyName] = document
            let total = inline.values.reduce(0) { $0 + PolicySize.count($1) }
            guard total <= kind.inlineLimit else {
                throw .limitExceeded("Maximum policy size of \(kind.inlineLimit) bytes exceeded for \(kind.noun) \(name)")
            }
            account.setPolicies(of: kind, name, inline: inline, attached: attached)
        }
        return nil
    }

    func getInlinePolicy(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter), policyName = try call.required("PolicyName")
        let document = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) -> String in
            guard let document = try account.policies(of: kind, name).inline[policyName] else {
                throw .noSuchEntity("The \(kind.noun) policy with name \(policyName) cannot be found.")
            }
            return document
        }
        return [kind.parameter: .string(name), "PolicyName": .string(policyName), "PolicyDocument": IAMRendering.document(document)]
    }

    func listInlinePolicies(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter)
        let names = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try account.policies(of: kind, name).inline.keys.sorted() }
        return try IAMPaging.page(names, call: call, listName: "PolicyNames", key: { $0 }) { .string($0) }
    }

    func deleteInlinePolicy(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter), policyName = try call.required("PolicyName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var (inline, attached) = try account.policies(of: kind, name)
            guard inline.removeValue(forKey: policyName) != nil else {
                throw .noSuchEntity("The \(kind.noun) policy with name \(policyName) cannot be found.")
            }
            account.setPolicies(of: kind, name, inline: inline, attached: attached)
        }
        return nil
    }

    func attachPolicy(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter), arn = try call.required("PolicyArn")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let (inline, attached) = try account.policies(of: kind, name)
            let isAWS = AWSManagedPolicies.entry(arn: arn) != nil
            guard isAWS || account.policies[arn] != nil else {
                throw .noSuchEntity("Policy \(arn) does not exist or is not attachable.")
            }
            guard !attached.contains(arn) else { return }
            guard attached.count < 10 else { throw .limitExceeded("Cannot exceed quota for PoliciesPerUser: 10") }
            if isAWS { account.awsPolicyAttachments[arn, default: 0] += 1 }
            account.setPolicies(of: kind, name, inline: inline, attached: attached + [arn])
        }
        return nil
    }

    func detachPolicy(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter), arn = try call.required("PolicyArn")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let (inline, attached) = try account.policies(of: kind, name)
            guard attached.contains(arn) else { throw .noSuchEntity("Policy \(arn) was not found.") }
            if AWSManagedPolicies.entry(arn: arn) != nil { account.awsPolicyAttachments[arn, default: 1] -= 1 }
            account.setPolicies(of: kind, name, inline: inline, attached: attached.filter { $0 != arn })
        }
        return nil
    }

    func listAttachedPolicies(_ call: IAMCall, _ kind: IAMIdentityKind) throws(IAMError) -> JSONObject? {
        let name = try call.required(kind.parameter)
        let prefix = call.string("PathPrefix") ?? "/"
        let arns = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try account.policies(of: kind, name).attached }
        let rows = arns.compactMap { arn -> (String, String)? in
            let parts = arn.split(separator: ":", maxSplits: 5).last.map(String.init) ?? ""
            guard parts.dropFirst("policy".count).hasPrefix(prefix) else { return nil }
            return (String(arn.split(separator: "/").last ?? ""), arn)
        }.sorted { $0.0 < $1.0 }
        return try IAMPaging.page(rows, call: call, listName: "AttachedPolicies", key: \.0) {
            ["PolicyName": .string($0.0), "PolicyArn": .string($0.1)]
        }
    }
}
