import BrumeIAMPolicy
import BrumeWire

extension IAMService {
    /// A trust policy IAM accepts: a valid document naming a principal, within 2,048 characters.
    func trustPolicy(_ text: String) throws(IAMError) -> String {
        guard PolicySize.count(text) <= PolicySize.trustPolicy else {
            throw .limitExceeded("Cannot exceed quota for ACLSizePerRole: \(PolicySize.trustPolicy)")
        }
        _ = try IAMValidation.document(text, kind: .trust)
        return text
    }

    func createRole(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try IAMValidation.name(call.required("RoleName"), parameter: "roleName", maxLength: 64)
        let path = try IAMValidation.path(call.string("Path"))
        let trust = try trustPolicy(call.required("AssumeRolePolicyDocument"))
        let duration = call.int("MaxSessionDuration") ?? 3600
        guard (3600...43200).contains(duration) else {
            throw .validation("1 validation error detected: Value '\(duration)' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200")
        }
        let now = backend.now
        let role = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMRole in
            guard account.roles[name] == nil else { throw .entityAlreadyExists("Role with name \(name) already exists.") }
            let role = IAMRole(name: name, path: path, id: IAMIdentifiers.uniqueID(.role), created: now, trustPolicy: trust,
                               description: call.string("Description"), maxSessionDuration: duration, tags: try IAMTags.merge([], call.tags()),
                               permissionsBoundary: call.string("PermissionsBoundary"))
            account.roles[name] = role
            return role
        }
        return ["Role": IAMRendering.role(role, account: call.account)]
    }

    func getRole(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("RoleName")
        let role = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try account.role(name) }
        return ["Role": IAMRendering.role(role, account: call.account)]
    }

    func listRoles(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let prefix = call.string("PathPrefix") ?? "/"
        let roles = backend.read(call.account) { $0.roles.values.filter { $0.path.hasPrefix(prefix) }.sorted { $0.name < $1.name } }
        return try IAMPaging.page(roles, call: call, listName: "Roles", key: \.name) { IAMRendering.role($0, account: call.account, withTags: false) }
    }

    func deleteRole(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("RoleName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let role = try account.role(name)
            if !role.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
            if !role.attachedPolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
            if account.instanceProfiles.values.contains(where: { $0.roles.contains(name) }) {
                throw .deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
            }
            account.roles[name] = nil
        }
        return nil
    }

    func updateRole(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("RoleName")
        if let duration = call.int("MaxSessionDuration"), !(3600...43200).contains(duration) {
            throw .validation("1 validation error detected: Value '\(duration)' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200")
        }
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var role = try account.role(name)
            if let description = call.string("Description") { role.description = description }
            if let duration = call.int("MaxSessionDuration") { role.maxSessionDuration = duration }
            account.roles[name] = role
        }
        return [:]
    }

    func updateRoleDescription(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("RoleName"), description = try call.required("Description")
        let role = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMRole in
            var role = try account.role(name)
            role.description = description
            account.roles[name] = role
            return role
        }
        return ["Role": IAMRendering.role(role, account: call.account)]
    }

    func updateAssumeRolePolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("RoleName")
        let trust = try trustPolicy(call.required("PolicyDocument"))
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var role = try account.role(name)
            role.trustPolicy = trust
            account.roles[name] = role
        }
        return nil
    }

}
