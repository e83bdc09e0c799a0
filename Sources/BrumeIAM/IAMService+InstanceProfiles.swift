import BrumeWire

extension IAMService {
    func renderProfile(_ profile: IAMInstanceProfile, _ account: IAMAccount, id: String) -> JSONValue {
        var object: JSONObject = [
            "Path": .string(profile.path), "InstanceProfileName": .string(profile.name), "InstanceProfileId": .string(profile.id),
            "Arn": .string(IAMRendering.arn(id, "instance-profile", path: profile.path, name: profile.name)),
            "CreateDate": .double(profile.created),
            "Roles": .array(profile.roles.compactMap { account.roles[$0] }.map { IAMRendering.role($0, account: id, withTags: false) }),
        ]
        if !profile.tags.isEmpty { object["Tags"] = IAMRendering.tags(profile.tags) }
        return .object(object)
    }

    func createInstanceProfile(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try IAMValidation.name(call.required("InstanceProfileName"), parameter: "instanceProfileName", maxLength: 128)
        let path = try IAMValidation.path(call.string("Path"))
        let now = backend.now
        return try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> JSONObject in
            guard account.instanceProfiles[name] == nil else { throw .entityAlreadyExists("Instance Profile \(name) already exists.") }
            let profile = IAMInstanceProfile(name: name, path: path, id: IAMIdentifiers.uniqueID(.instanceProfile), created: now,
                                             tags: try IAMTags.merge([], call.tags()))
            account.instanceProfiles[name] = profile
            return ["InstanceProfile": renderProfile(profile, account, id: call.account)]
        }
    }

    func getInstanceProfile(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("InstanceProfileName")
        return try backend.read(call.account) { (account: IAMAccount) throws(IAMError) -> JSONObject in
            ["InstanceProfile": renderProfile(try account.instanceProfile(name), account, id: call.account)]
        }
    }

    func listInstanceProfiles(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let prefix = call.string("PathPrefix") ?? "/"
        let (profiles, account) = backend.read(call.account) { account in
            (account.instanceProfiles.values.filter { $0.path.hasPrefix(prefix) }.sorted { $0.name < $1.name }, account)
        }
        return try IAMPaging.page(profiles, call: call, listName: "InstanceProfiles", key: \.name) { renderProfile($0, account, id: call.account) }
    }

    func listInstanceProfilesForRole(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let roleName = try call.required("RoleName")
        let (profiles, account) = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            _ = try account.role(roleName)
            return (account.instanceProfiles.values.filter { $0.roles.contains(roleName) }.sorted { $0.name < $1.name }, account)
        }
        return try IAMPaging.page(profiles, call: call, listName: "InstanceProfiles", key: \.name) { renderProfile($0, account, id: call.account) }
    }

    func deleteInstanceProfile(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("InstanceProfileName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            let profile = try account.instanceProfile(name)
            guard profile.roles.isEmpty else { throw .deleteConflict("Cannot delete entity, must remove roles from instance profile first.") }
            account.instanceProfiles[name] = nil
        }
        return nil
    }

    func addRoleToInstanceProfile(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("InstanceProfileName"), roleName = try call.required("RoleName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var profile = try account.instanceProfile(name)
            _ = try account.role(roleName)
            guard profile.roles.isEmpty else {
                throw .limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
            }
            profile.roles = [roleName]
            account.instanceProfiles[name] = profile
        }
        return nil
    }

    func removeRoleFromInstanceProfile(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try call.required("InstanceProfileName"), roleName = try call.required("RoleName")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var profile = try account.instanceProfile(name)
            guard profile.roles.contains(roleName) else { throw .noSuchEntity("The role with name \(roleName) cannot be found.") }
            profile.roles.removeAll { $0 == roleName }
            account.instanceProfiles[name] = profile
        }
        return nil
    }
}

extension IAMAccount {
    func instanceProfile(_ name: String) throws(IAMError) -> IAMInstanceProfile {
        guard let profile = instanceProfiles[name] else { throw .noSuchEntity("Instance Profile \(name) cannot be found.") }
        return profile
    }
}
