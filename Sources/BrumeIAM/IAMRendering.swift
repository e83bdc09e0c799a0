import BrumeWire

/// The JSON (then XML) forms of IAM's entities, with their ARNs, as IAM's responses carry them.
enum IAMRendering {
    static func arn(_ account: String, _ kind: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):\(kind)\(path)\(name)"
    }

    /// Policy documents travel URL-encoded in IAM's responses; SDKs decode them.
    static func document(_ text: String) -> JSONValue { .string(PercentEncoding.encode(text)) }

    static func tags(_ tags: [IAMTag]) -> JSONValue {
        .array(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })
    }

    static func user(_ user: IAMUser, account: String) -> JSONValue {
        var object: JSONObject = [
            "Path": .string(user.path), "UserName": .string(user.name), "UserId": .string(user.id),
            "Arn": .string(arn(account, "user", path: user.path, name: user.name)), "CreateDate": .double(user.created),
        ]
        if let boundary = user.permissionsBoundary {
            object["PermissionsBoundary"] = ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(boundary)]
        }
        if !user.tags.isEmpty { object["Tags"] = tags(user.tags) }
        return .object(object)
    }

    static func group(_ group: IAMGroup, account: String) -> JSONValue {
        [
            "Path": .string(group.path), "GroupName": .string(group.name), "GroupId": .string(group.id),
            "Arn": .string(arn(account, "group", path: group.path, name: group.name)), "CreateDate": .double(group.created),
        ]
    }

    static func role(_ role: IAMRole, account: String, withTags: Bool = true) -> JSONValue {
        var object: JSONObject = [
            "Path": .string(role.path), "RoleName": .string(role.name), "RoleId": .string(role.id),
            "Arn": .string(arn(account, "role", path: role.path, name: role.name)), "CreateDate": .double(role.created),
            "AssumeRolePolicyDocument": document(role.trustPolicy), "MaxSessionDuration": .int(Int64(role.maxSessionDuration)),
        ]
        if let description = role.description { object["Description"] = .string(description) }
        if let boundary = role.permissionsBoundary {
            object["PermissionsBoundary"] = ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(boundary)]
        }
        if withTags, !role.tags.isEmpty { object["Tags"] = tags(role.tags) }
        return .object(object)
    }

    static func policy(_ policy: IAMManagedPolicy, account: String, attachments: Int, withTags: Bool = true) -> JSONValue {
        var object: JSONObject = [
            "PolicyName": .string(policy.name), "PolicyId": .string(policy.id),
            "Arn": .string(arn(account, "policy", path: policy.path, name: policy.name)), "Path": .string(policy.path),
            "DefaultVersionId": .string(policy.defaultVersion), "AttachmentCount": .int(Int64(attachments)),
            "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
            "CreateDate": .double(policy.created), "UpdateDate": .double(policy.updated),
        ]
        if let description = policy.description { object["Description"] = .string(description) }
        if withTags, !policy.tags.isEmpty { object["Tags"] = tags(policy.tags) }
        return .object(object)
    }

    static func version(_ version: IAMPolicyVersion, isDefault: Bool) -> JSONValue {
        ["Document": document(version.document), "VersionId": .string(version.id), "IsDefaultVersion": .bool(isDefault),
         "CreateDate": .double(version.created)]
    }

    static func accessKeyMetadata(_ key: IAMAccessKey) -> JSONValue {
        ["UserName": .string(key.userName), "AccessKeyId": .string(key.id), "Status": .string(key.status), "CreateDate": .double(key.created)]
    }
}
