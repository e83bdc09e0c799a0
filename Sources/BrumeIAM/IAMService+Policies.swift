import BrumeIAMPolicy
import BrumeWire

extension IAMService {
    static let maximumVersions = 5

    func managedDocument(_ call: IAMCall) throws(IAMError) -> String {
        let text = try call.required("PolicyDocument")
        guard PolicySize.count(text) <= PolicySize.managedPolicy else {
            throw .limitExceeded("Cannot exceed quota for PolicySize: \(PolicySize.managedPolicy)")
        }
        _ = try IAMValidation.document(text, kind: .identity)
        return text
    }

    func createPolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let name = try IAMValidation.name(call.required("PolicyName"), parameter: "policyName", maxLength: 128)
        let path = try IAMValidation.path(call.string("Path"))
        let document = try managedDocument(call)
        let now = backend.now
        let arn = IAMRendering.arn(call.account, "policy", path: path, name: name)
        let policy = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMManagedPolicy in
            guard !account.policies.values.contains(where: { $0.name == name }) else {
                throw .entityAlreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
            }
            let policy = IAMManagedPolicy(
                name: name, path: path, id: IAMIdentifiers.uniqueID(.policy), created: now, updated: now,
                description: call.string("Description"), versions: [IAMPolicyVersion(id: "v1", document: document, created: now)],
                defaultVersion: "v1", nextVersion: 2, tags: try IAMTags.merge([], call.tags()))
            account.policies[arn] = policy
            return policy
        }
        return ["Policy": IAMRendering.policy(policy, account: call.account, attachments: 0)]
    }

    func getPolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn")
        if let (name, entry) = AWSManagedPolicies.entry(arn: arn) {
            let attachments = backend.read(call.account) { $0.awsPolicyAttachments[arn] ?? 0 }
            let policy = IAMManagedPolicy(name: name, path: entry.path, id: "ANPA" + String(repeating: "A", count: 17), created: 0, updated: 0,
                                          versions: [], defaultVersion: "v1", nextVersion: 2)
            var object = IAMRendering.policy(policy, account: "aws", attachments: attachments).objectValue ?? [:]
            object["Arn"] = .string(arn)
            return ["Policy": .object(object)]
        }
        let (policy, attachments) = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            (try account.policy(arn), account.attachments(of: arn))
        }
        return ["Policy": IAMRendering.policy(policy, account: call.account, attachments: attachments)]
    }

    func listPolicies(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let scope = call.string("Scope") ?? "All"
        let onlyAttached = call.bool("OnlyAttached") ?? false
        let prefix = call.string("PathPrefix") ?? "/"
        let rendered: [(String, JSONValue)] = backend.read(call.account) { account in
            var rows: [(String, JSONValue)] = []
            if scope != "AWS" {
                for (arn, policy) in account.policies where policy.path.hasPrefix(prefix) {
                    let count = account.attachments(of: arn)
                    if onlyAttached, count == 0 { continue }
                    rows.append((policy.name, IAMRendering.policy(policy, account: call.account, attachments: count, withTags: false)))
                }
            }
            if scope != "Local" {
                for (name, entry) in AWSManagedPolicies.all where entry.path.hasPrefix(prefix) {
                    let arn = "arn:aws:iam::aws:policy\(entry.path)\(name)"
                    let count = account.awsPolicyAttachments[arn] ?? 0
                    if onlyAttached, count == 0 { continue }
                    let policy = IAMManagedPolicy(name: name, path: entry.path, id: "ANPA" + String(repeating: "A", count: 17), created: 0,
                                                  updated: 0, versions: [], defaultVersion: "v1", nextVersion: 2)
                    var object = IAMRendering.policy(policy, account: "aws", attachments: count, withTags: false).objectValue ?? [:]
                    object["Arn"] = .string(arn)
                    rows.append((name, .object(object)))
                }
            }
            return rows.sorted { $0.0 < $1.0 }
        }
        return try IAMPaging.page(rendered, call: call, listName: "Policies", key: \.0) { $0.1 }
    }

    func deletePolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            _ = try account.policy(arn)
            guard account.attachments(of: arn) == 0 else { throw .deleteConflict("Cannot delete a policy attached to entities.") }
            account.policies[arn] = nil
        }
        return nil
    }

    func createPolicyVersion(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn")
        let document = try managedDocument(call)
        let makeDefault = call.bool("SetAsDefault") ?? false
        let now = backend.now
        let version = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMPolicyVersion in
            var policy = try account.policy(arn)
            guard policy.versions.count < Self.maximumVersions else {
                throw .limitExceeded("A managed policy can have up to \(Self.maximumVersions) versions. Before you create a new version, you must delete an existing version.")
            }
            let version = IAMPolicyVersion(id: "v\(policy.nextVersion)", document: document, created: now)
            policy.nextVersion += 1
            policy.versions.append(version)
            if makeDefault { policy.defaultVersion = version.id }
            policy.updated = now
            account.policies[arn] = policy
            return version
        }
        return ["PolicyVersion": IAMRendering.version(version, isDefault: makeDefault)]
    }

    func getPolicyVersion(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn"), versionID = try call.required("VersionId")
        if let (_, entry) = AWSManagedPolicies.entry(arn: arn) {
            guard versionID == "v1" else { throw .noSuchEntity("Policy \(arn) version \(versionID) does not exist or is not attachable.") }
            return ["PolicyVersion": IAMRendering.version(IAMPolicyVersion(id: "v1", document: entry.document, created: 0), isDefault: true)]
        }
        let (version, isDefault) = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            let policy = try account.policy(arn)
            guard let version = policy.versions.first(where: { $0.id == versionID }) else {
                throw .noSuchEntity("Policy \(arn) version \(versionID) does not exist or is not attachable.")
            }
            return (version, policy.defaultVersion == versionID)
        }
        return ["PolicyVersion": IAMRendering.version(version, isDefault: isDefault)]
    }

    func listPolicyVersions(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn")
        let policy = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in try account.policy(arn) }
        // Newest first, as IAM lists them; the document is left out of lists.
        let versions = policy.versions.reversed().map { version in
            var object = IAMRendering.version(version, isDefault: version.id == policy.defaultVersion).objectValue ?? [:]
            object["Document"] = nil
            return (version.id, JSONValue.object(object))
        }
        var page = try IAMPaging.page(Array(versions), call: call, listName: "Versions", key: \.0) { $0.1 }
        if call.string("Marker") == nil, versions.count <= (call.int("MaxItems") ?? 100) { page["Marker"] = nil }
        return page
    }

    func deletePolicyVersion(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn"), versionID = try call.required("VersionId")
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var policy = try account.policy(arn)
            guard policy.versions.contains(where: { $0.id == versionID }) else {
                throw .noSuchEntity("Policy \(arn) version \(versionID) does not exist or is not attachable.")
            }
            guard policy.defaultVersion != versionID else { throw .deleteConflict("Cannot delete the default version of a policy.") }
            policy.versions.removeAll { $0.id == versionID }
            account.policies[arn] = policy
        }
        return nil
    }

    func setDefaultPolicyVersion(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn"), versionID = try call.required("VersionId")
        let now = backend.now
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            var policy = try account.policy(arn)
            guard policy.versions.contains(where: { $0.id == versionID }) else {
                throw .noSuchEntity("Policy \(arn) version \(versionID) does not exist or is not attachable.")
            }
            policy.defaultVersion = versionID
            policy.updated = now
            account.policies[arn] = policy
        }
        return nil
    }

    func listEntitiesForPolicy(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let arn = try call.required("PolicyArn")
        return try backend.read(call.account) { (account: IAMAccount) throws(IAMError) -> JSONObject in
            if AWSManagedPolicies.entry(arn: arn) == nil { _ = try account.policy(arn) }
            let filter = call.string("EntityFilter")
            func wanted(_ kind: String) -> Bool { filter == nil || filter == kind }
            return [
                "PolicyUsers": .array(wanted("User") ? account.users.values.filter { $0.attachedPolicies.contains(arn) }.sorted { $0.name < $1.name }
                    .map { ["UserName": .string($0.name), "UserId": .string($0.id)] } : []),
                "PolicyGroups": .array(wanted("Group") ? account.groups.values.filter { $0.attachedPolicies.contains(arn) }.sorted { $0.name < $1.name }
                    .map { ["GroupName": .string($0.name), "GroupId": .string($0.id)] } : []),
                "PolicyRoles": .array(wanted("Role") ? account.roles.values.filter { $0.attachedPolicies.contains(arn) }.sorted { $0.name < $1.name }
                    .map { ["RoleName": .string($0.name), "RoleId": .string($0.id)] } : []),
                "IsTruncated": false,
            ]
        }
    }
}

extension IAMAccount {
    func policy(_ arn: String) throws(IAMError) -> IAMManagedPolicy {
        guard let policy = policies[arn] else { throw .noSuchEntity("Policy \(arn) was not found.") }
        return policy
    }

    /// How many users, groups and roles have the policy attached.
    func attachments(of arn: String) -> Int {
        users.values.count { $0.attachedPolicies.contains(arn) } + groups.values.count { $0.attachedPolicies.contains(arn) }
            + roles.values.count { $0.attachedPolicies.contains(arn) }
    }

    /// The document of the default version of a managed policy (customer or AWS), or nil.
    func defaultDocument(of arn: String) -> String? {
        if let (_, entry) = AWSManagedPolicies.entry(arn: arn) { return entry.document }
        guard let policy = policies[arn] else { return nil }
        return policy.versions.first { $0.id == policy.defaultVersion }?.document
    }
}
