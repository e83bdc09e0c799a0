import BrumeWire

/// TagLogGroup, UntagLogGroup, ListTagsLogGroup (by group name, deprecated but still served by
/// AWS) and TagResource, UntagResource, ListTagsForResource (by log group ARN).
extension LogsService {
    func tagLogGroup(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        let tags = try call.input.tags(required: true) ?? [:]
        try await backend.updateGroup(key) { (group: inout LogGroupRecord) throws(LogsError) in
            group.tags.merge(tags) { $1 }
            guard group.tags.count <= TagRules.maximumCount else {
                throw .invalidParameter("A log group can have no more than \(TagRules.maximumCount) tags.")
            }
        }
        return .object([:])
    }

    func untagLogGroup(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        guard let keys = try call.input.stringList("tags") else { throw LogsError.constraint(nil, at: "tags", "Member must not be null") }
        guard !keys.isEmpty else { throw LogsError.constraint("[]", at: "tags", "Member must have length greater than or equal to 1") }
        try await backend.updateGroup(key) { group in
            for tag in keys { group.tags[tag] = nil }
        }
        return .object([:])
    }

    func listTagsLogGroup(_ call: LogsCall) async throws -> JSONValue {
        let group = try await backend.group(try call.requiredGroup())
        return ["tags": JSONValue.object(JSONObject(group.tags.mapValues(JSONValue.string)))]
    }

    func tagResource(_ call: LogsCall) async throws -> JSONValue {
        let key = try Self.taggableGroup(call)
        let tags = try call.input.tags(required: true) ?? [:]
        try await backend.updateGroup(key) { (group: inout LogGroupRecord) throws(LogsError) in
            group.tags.merge(tags) { $1 }
            guard group.tags.count <= TagRules.maximumCount else { throw .tooManyTags }
        }
        return .object([:])
    }

    func untagResource(_ call: LogsCall) async throws -> JSONValue {
        let key = try Self.taggableGroup(call)
        guard let keys = try call.input.stringList("tagKeys") else { throw LogsError.constraint(nil, at: "tagKeys", "Member must not be null") }
        try await backend.updateGroup(key) { group in
            for tag in keys { group.tags[tag] = nil }
        }
        return .object([:])
    }

    func listTagsForResource(_ call: LogsCall) async throws -> JSONValue {
        let group = try await backend.group(try Self.taggableGroup(call))
        return ["tags": JSONValue.object(JSONObject(group.tags.mapValues(JSONValue.string)))]
    }

    /// The log group a `resourceArn` names (with or without the trailing `:*`). Destinations,
    /// the other taggable kind, do not exist in Brume; their ARNs are not found.
    private static func taggableGroup(_ call: LogsCall) throws(LogsError) -> LogGroupKey {
        let arn = try call.input.requiredString("resourceArn")
        guard arn.hasPrefix("arn:") else { throw .invalidParameter("Invalid resource ARN: '\(arn)'") }
        guard let key = LogsNames.groupKey(identifier: arn, account: call.caller.accountID, region: call.caller.region) else {
            if arn.split(separator: ":").dropFirst(5).first == "destination" { throw .resourceNotFound("The specified resource does not exist.") }
            throw .invalidParameter("Invalid resource ARN: '\(arn)'")
        }
        return key
    }
}
