import BrumeWire

extension IAMService {
    func createGroup(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try IAMValidation.name(call.required("GroupName"), parameter: "groupName", maxLength: 128)
        let path = try IAMValidation.path(call.string("Path"))
        let now = backend.now
        let group = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMGroup in
            guard account.groups[name] == nil else { throw .entityAlreadyExists("Group with name \(name) already exists.") }
            let group = IAMGroup(name: name, path: path, id: IAMIdentifiers.uniqueID(.group), created: now)
            account.groups[name] = group
            return group
        }
        return ["Group": IAMRendering.group(group, account: call.account)]
    }

    func getGroup(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("GroupName")
        let (group, users) = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            let group = try account.group(name)
            return (group, group.members.compactMap { account.users[$0] }.sorted { $0.name < $1.name })
        }
        var page = try IAMPaging.page(users, call: call, listName: "Users", key: \.name) { IAMRendering.user($0, account: call.account) }
        page["Group"] = IAMRendering.group(group, account: call.account)
        return page
    }

    func listGroups(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let prefix = call.string("PathPrefix") ?? "/"
        let groups = backend.read(call.account) { $0.groups.values.filter { $0.path.hasPrefix(prefix) }.sorted { $0.name < $1.name } }
        return try IAMPaging.page(groups, call: call, listName: "Groups", key: \.name) { IAMRendering.group($0, account: call.account) }
    }

    func deleteGroup(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("GroupName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let group = try account.group(name)
            if !group.members.isEmpty { throw .deleteConflict("Cannot delete entity, must remove users from group first.") }
            if !group.inlinePolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must delete policies first.") }
            if !group.attachedPolicies.isEmpty { throw .deleteConflict("Cannot delete entity, must detach all policies first.") }
            account.groups[name] = nil
        }
        return nil
    }

    func addUserToGroup(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let groupName = try call.required("GroupName"), userName = try call.required("UserName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var group = try account.group(groupName)
            _ = try account.user(userName)
            if !group.members.contains(userName) { group.members.append(userName) }
            account.groups[groupName] = group
        }
        return nil
    }

    func removeUserFromGroup(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let groupName = try call.required("GroupName"), userName = try call.required("UserName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var group = try account.group(groupName)
            _ = try account.user(userName)
            guard group.members.contains(userName) else {
                throw .noSuchEntity("The user with name \(userName) cannot be found.")
            }
            group.members.removeAll { $0 == userName }
            account.groups[groupName] = group
        }
        return nil
    }

    func listGroupsForUser(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let userName = try call.required("UserName")
        let groups = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            _ = try account.user(userName)
            return account.groups.values.filter { $0.members.contains(userName) }.sorted { $0.name < $1.name }
        }
        return try IAMPaging.page(groups, call: call, listName: "Groups", key: \.name) { IAMRendering.group($0, account: call.account) }
    }
}
