import BrumeWire

/// CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy, DeleteRetentionPolicy.
extension LogsService {
    func createLogGroup(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        let kmsKeyID = try call.input.string("kmsKeyId")
        if let kmsKeyID, kmsKeyID.count > 256 {
            throw LogsError.constraint(kmsKeyID, at: "kmsKeyId", "Member must have length less than or equal to 256")
        }
        let logGroupClass = try call.input.string("logGroupClass") ?? "STANDARD"
        guard LogsNames.groupClasses.contains(logGroupClass) else {
            throw LogsError.constraint(
                logGroupClass, at: "logGroupClass", "Member must satisfy enum value set: [\(LogsNames.groupClasses.joined(separator: ", "))]"
            )
        }
        // Deletion protection would have to refuse DeleteLogGroup; rather than store a flag
        // that protects nothing, Brume refuses to turn it on.
        if try call.input.bool("deletionProtectionEnabled") == true {
            throw LogsError.invalidParameter("Brume does not support deletionProtectionEnabled yet.")
        }
        let tags = try call.input.tags(required: false) ?? [:]
        _ = try await backend.createGroup(key, kmsKeyID: kmsKeyID, logGroupClass: logGroupClass, tags: tags)
        return .object([:])
    }

    func deleteLogGroup(_ call: LogsCall) async throws -> JSONValue {
        try await backend.deleteGroup(try call.requiredGroup())
        return .object([:])
    }

    /// Groups in name order; `logGroupNamePrefix`, `logGroupNamePattern` (a case-sensitive
    /// substring) and `logGroupIdentifiers` exclude each other. With a pattern AWS reports only
    /// the name, ARN and creation time.
    func describeLogGroups(_ call: LogsCall) async throws -> JSONValue {
        let input = call.input
        let prefix = try input.string("logGroupNamePrefix")
        let pattern = try input.string("logGroupNamePattern")
        let identifiers = try input.stringList("logGroupIdentifiers")
        let limit = try input.limit(maximum: 50, default: 50)
        let groupClass = try input.string("logGroupClass")
        if let prefix { try LogsNames.checkGroupName(prefix, member: "logGroupNamePrefix") }
        if let pattern, !pattern.isEmpty { try LogsNames.checkGroupName(pattern, member: "logGroupNamePattern") }
        guard prefix == nil || pattern == nil else {
            throw LogsError.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
        }
        if identifiers != nil, prefix != nil || pattern != nil {
            throw LogsError.invalidParameter("logGroupIdentifiers can not be specified with logGroupNamePrefix or logGroupNamePattern.")
        }
        let wanted: Set<String>? = identifiers.map { list in
            Set(list.compactMap { LogsNames.groupKey(identifier: $0, account: call.caller.accountID, region: call.caller.region)?.name })
        }
        var after: String?
        if let token = try input.string("nextToken") {
            guard let name = ListingToken.payload(token, kind: "groups") else { throw LogsError.invalidToken }
            after = name
        }
        let matching = await backend.groups(account: call.caller.accountID, region: call.caller.region).filter { group in
            let name = group.key.name
            if let after, !after.utf8.lexicographicallyPrecedes(name.utf8) { return false }
            if let prefix, !name.hasPrefix(prefix) { return false }
            if let pattern, !pattern.isEmpty, !name.contains(pattern) { return false }
            if let wanted, !wanted.contains(name) { return false }
            if let groupClass, group.logGroupClass != groupClass { return false }
            return true
        }
        let page = matching.prefix(limit)
        var output: JSONObject = ["logGroups": .array(page.map { Self.describe($0, brief: pattern != nil) })]
        if matching.count > limit, let last = page.last {
            output["nextToken"] = .string(ListingToken.make("groups", last.key.name))
        }
        return .object(output)
    }

    static func describe(_ group: LogGroupRecord, brief: Bool) -> JSONValue {
        let arn = LogsNames.groupARN(group.key)
        var object: JSONObject = ["logGroupName": .string(group.key.name), "creationTime": .int(group.creationTime)]
        if !brief {
            if let days = group.retentionInDays { object["retentionInDays"] = .int(Int64(days)) }
            object["metricFilterCount"] = 0
        }
        object["arn"] = .string(arn + ":*")
        if !brief {
            object["storedBytes"] = .int(group.storedBytes)
            if let kmsKeyID = group.kmsKeyID { object["kmsKeyId"] = .string(kmsKeyID) }
            object["logGroupClass"] = .string(group.logGroupClass)
            object["logGroupArn"] = .string(arn)
            object["deletionProtectionEnabled"] = false
        }
        return .object(object)
    }

    func putRetentionPolicy(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        guard let days = try call.input.int("retentionInDays") else {
            throw LogsError.constraint(nil, at: "retentionInDays", "Member must not be null")
        }
        try LogsNames.checkRetention(Int(clamping: days))
        try await backend.updateGroup(key) { $0.retentionInDays = Int(days) }
        return .object([:])
    }

    func deleteRetentionPolicy(_ call: LogsCall) async throws -> JSONValue {
        try await backend.updateGroup(try call.requiredGroup()) { $0.retentionInDays = nil }
        return .object([:])
    }
}
