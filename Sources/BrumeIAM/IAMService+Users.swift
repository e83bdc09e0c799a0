import BrumeWire

extension IAMService {
    func createUser(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try IAMValidation.name(call.required("UserName"), parameter: "userName", maxLength: 64)
        let path = try IAMValidation.path(call.string("Path"))
        let now = backend.now
        let user = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMUser in
            guard account.users[name] == nil else { throw .entityAlreadyExists("User with name \(name) already exists.") }
            let user = IAMUser(name: name, path: path, id: IAMIdentifiers.uniqueID(.user), created: now, tags: call.tags(),
                               permissionsBoundary: call.string("PermissionsBoundary"))
            account.users[name] = user
            return user
        }
        return ["User": IAMRendering.user(user, account: call.account)]
    }

    /// GetUser without a name answers for the caller: a user's own key, or the root user.
    func getUser(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        guard let name = call.string("UserName") else {
            let identity = try backend.identify(call.caller, configured: config.credentials.keys.contains(call.caller.accessKeyID ?? ""))
            if case .user(let user) = identity.kind { return ["User": IAMRendering.user(user, account: identity.account)] }
            return ["User": ["UserId": .string(identity.account), "Arn": .string(identity.arn), "CreateDate": .double(0)]]
        }
        let user = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try account.user(name) }
        return ["User": IAMRendering.user(user, account: call.account)]
    }

    func listUsers(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let prefix = call.string("PathPrefix") ?? "/"
        let users = backend.read(call.account) { $0.users.values.filter { $0.path.hasPrefix(prefix) }.sorted { $0.name < $1.name } }
        return try IAMPaging.page(users, call: call, listName: "Users", key: \.name) { user in
            var object = IAMRendering.user(user, account: call.account).objectValue ?? [:]
            object["Tags"] = nil
            return .object(object)
        }
    }

    func updateUser(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("UserName")
        let newName = try call.string("NewUserName").map { (value: String) throws(IAMError) in
            try IAMValidation.name(value, parameter: "newUserName", maxLength: 64)
        }
        let newPath = try call.string("NewPath").map { (value: String) throws(IAMError) in try IAMValidation.path(value) }
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var user = try account.user(name)
            if let newPath { user.path = newPath }
            if let newName, newName != name {
                guard account.users[newName] == nil else { throw .entityAlreadyExists("User with name \(newName) already exists.") }
                account.users[name] = nil
                user.name = newName
                for key in account.accessKeys.keys where account.accessKeys[key]?.userName == name { account.accessKeys[key]?.userName = newName }
                for (groupName, group) in account.groups where group.members.contains(name) {
                    account.groups[groupName]?.members = group.members.map { $0 == name ? newName : $0 }
                }
            }
            account.users[user.name] = user
        }
        return nil
    }

    func deleteUser(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("UserName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let user = try account.user(name)
            if account.accessKeys.values.contains(where: { $0.userName == name }) {
                throw .deleteConflict("Cannot delete entity, must delete access keys first.")
            }
            if !user.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
            if !user.attachedPolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
            if account.groups.values.contains(where: { $0.members.contains(name) }) {
                throw .deleteConflict("Cannot delete entity, must remove users from group first.")
            }
            account.users[name] = nil
        }
        return nil
    }

}

extension IAMAccount {
    func user(_ name: String) throws(IAMError) -> IAMUser {
        guard let user = users[name] else { throw .noSuchEntity("The user with name \(name) cannot be found.") }
        return user
    }

    func group(_ name: String) throws(IAMError) -> IAMGroup {
        guard let group = groups[name] else { throw .noSuchEntity("The group with name \(name) cannot be found.") }
        return group
    }

    func role(_ name: String) throws(IAMError) -> IAMRole {
        guard let role = roles[name] else { throw .noSuchEntity("The role with name \(name) cannot be found.") }
        return role
    }
}

/// IAM's tag rules: at most 50 per entity, keys unique (a repeated key replaces the value).
enum IAMTags {
    static func merge(_ existing: [IAMTag], _ new: [IAMTag]) throws(IAMError) -> [IAMTag] {
        var tags = existing
        for tag in new {
            guard !tag.key.isEmpty, tag.key.count <= 128, tag.value.count <= 256 else {
                throw .validation("1 validation error detected: Value '\(tag.key)' at 'tags.member.key' failed to satisfy constraint: Member must have length less than or equal to 128")
            }
            if let index = tags.firstIndex(where: { $0.key == tag.key }) { tags[index] = tag } else { tags.append(tag) }
        }
        guard tags.count <= 50 else { throw .limitExceeded("The number of tags has reached the maximum limit.") }
        return tags
    }
}
