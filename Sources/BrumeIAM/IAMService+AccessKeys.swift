import BrumeWire

extension IAMService {
    static let maximumAccessKeys = 2

    /// The user an access-key operation is for: `UserName`, or the caller's own user.
    func accessKeyUser(_ call: IAMCall) throws(IAMError) -> String {
        if let name = call.string("UserName") { return name }
        let identity = try backend.identify(call.caller, configured: config.credentials.keys.contains(call.caller.accessKeyID ?? ""))
        if case .user(let user) = identity.kind { return user.name }
        throw .validation("Access keys of the root user are the ones in localstack.yml; name a user with UserName.")
    }

    func createAccessKey(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let userName = try accessKeyUser(call)
        let now = backend.now
        let key = try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) -> IAMAccessKey in
            _ = try account.user(userName)
            guard account.accessKeys.values.count(where: { $0.userName == userName }) < Self.maximumAccessKeys else {
                throw .limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(Self.maximumAccessKeys)")
            }
            let key = IAMAccessKey(id: IAMIdentifiers.accessKeyID(.accessKey), secret: IAMIdentifiers.secret(), userName: userName,
                                   status: "Active", created: now)
            account.accessKeys[key.id] = key
            return key
        }
        var object = IAMRendering.accessKeyMetadata(key).objectValue ?? [:]
        object["SecretAccessKey"] = .string(key.secret)
        return ["AccessKey": .object(object)]
    }

    func listAccessKeys(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let userName = try accessKeyUser(call)
        let keys = try backend.read(call.account) { (account: IAMAccount) throws(IAMError) in
            _ = try account.user(userName)
            return account.accessKeys.values.filter { $0.userName == userName }.sorted { $0.id < $1.id }
        }
        return try IAMPaging.page(keys, call: call, listName: "AccessKeyMetadata", key: \.id) { IAMRendering.accessKeyMetadata($0) }
    }

    func deleteAccessKey(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let id = try call.required("AccessKeyId")
        let userName = try accessKeyUser(call)
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            _ = try account.user(userName)
            guard account.accessKeys[id]?.userName == userName else {
                throw .noSuchEntity("The Access Key with id \(id) cannot be found.")
            }
            account.accessKeys[id] = nil
        }
        return nil
    }

    func updateAccessKey(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let id = try call.required("AccessKeyId"), status = try call.required("Status")
        guard status == "Active" || status == "Inactive" else {
            throw .validation("1 validation error detected: Value '\(status)' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]")
        }
        let userName = try accessKeyUser(call)
        try backend.change(call.account) { (account: inout IAMAccount) throws(IAMError) in
            _ = try account.user(userName)
            guard account.accessKeys[id]?.userName == userName else {
                throw .noSuchEntity("The Access Key with id \(id) cannot be found.")
            }
            account.accessKeys[id]?.status = status
        }
        return nil
    }

    /// Brume does not track when a key was last used: the answer says it never was, as AWS does for a new key.
    func getAccessKeyLastUsed(_ call: IAMCall) throws(IAMError) -> JSONObject? {
        let id = try call.required("AccessKeyId")
        guard let (_, key) = backend.accessKey(id) else {
            throw .accessDenied("User is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key \(id)")
        }
        return ["UserName": .string(key.userName), "AccessKeyLastUsed": ["ServiceName": "N/A", "Region": "N/A"]]
    }
}
