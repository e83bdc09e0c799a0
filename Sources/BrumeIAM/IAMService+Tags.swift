import BrumeWire

/// The entities whose tags IAM's Tag*/Untag*/List*Tags operations manage, and where each names it.
enum IAMTaggedKind {
    case user, role, policy

    var parameter: String {
        switch self {
        case .user: "UserName"
        case .role: "RoleName"
        case .policy: "PolicyArn"
        }
    }

    func tags(in account: IAMAccount, _ id: String) throws(IAMError) -> [IAMTag] {
        switch self {
        case .user: try account.user(id).tags
        case .role: try account.role(id).tags
        case .policy: try account.policy(id).tags
        }
    }

    func setTags(_ tags: [IAMTag], in account: inout IAMAccount, _ id: String) {
        switch self {
        case .user: account.users[id]?.tags = tags
        case .role: account.roles[id]?.tags = tags
        case .policy: account.policies[id]?.tags = tags
        }
    }
}

extension IAMService {
    func tag(_ call: IAMCall, _ kind: IAMTaggedKind) throws(IAMError) -> JSONObject? {
        let id = try call.required(kind.parameter)
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            kind.setTags(try IAMTags.merge(kind.tags(in: account, id), call.tags()), in: &account, id)
        }
        return nil
    }

    func untag(_ call: IAMCall, _ kind: IAMTaggedKind) throws(IAMError) -> JSONObject? {
        let id = try call.required(kind.parameter)
        let keys = Set(call.strings("TagKeys"))
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            kind.setTags(try kind.tags(in: account, id).filter { !keys.contains($0.key) }, in: &account, id)
        }
        return nil
    }

    func listTags(_ call: IAMCall, _ kind: IAMTaggedKind) throws(IAMError) -> JSONObject? {
        let id = try call.required(kind.parameter)
        let tags = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try kind.tags(in: account, id) }
        return try IAMPaging.page(tags, call: call, listName: "Tags", key: \.key) { ["Key": .string($0.key), "Value": .string($0.value)] }
    }
}
