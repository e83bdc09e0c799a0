import BrumeWire

/// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule.
extension EventsService {
    static let ruleStates = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"]

    func putRule(_ call: EventsCall) async throws -> JSONValue {
        let key = try call.rule()
        let input = call.input
        let pattern = try input.string("EventPattern", maximum: 4096)
        let schedule = try input.string("ScheduleExpression", maximum: 256)
        let state = try input.string("State") ?? "ENABLED"
        guard Self.ruleStates.contains(state) else {
            throw EventsError.constraint(state, at: "state", "Member must satisfy enum value set: [\(Self.ruleStates.joined(separator: ", "))]")
        }
        let description = try input.string("Description", maximum: 512)
        let roleARN = try input.string("RoleArn")
        let tags = try input.tags() ?? [:]
        guard pattern != nil || schedule != nil else {
            throw EventsError.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
        }
        // A scheduled rule would need a scheduler; refusing beats accepting one that never fires.
        if schedule != nil {
            throw EventsError.validation("Brume does not run scheduled rules yet: ScheduleExpression is not supported.")
        }
        let rule = try await backend.putRule(key, pattern: pattern ?? "", description: description, roleARN: roleARN, state: state, tags: tags)
        return ["RuleArn": .string(EventsNames.ruleARN(rule.key))]
    }

    func describeRule(_ call: EventsCall) async throws -> JSONValue {
        let rule = try await backend.rule(try call.rule())
        var object = Self.describe(rule).objectValue ?? [:]
        object["CreatedBy"] = .string(rule.key.bus.account)
        return .object(object)
    }

    static func describe(_ rule: RuleRecord) -> JSONValue {
        var object: JSONObject = ["Name": .string(rule.key.name), "Arn": .string(EventsNames.ruleARN(rule.key))]
        if let pattern = rule.eventPattern { object["EventPattern"] = .string(pattern) }
        object["State"] = .string(rule.state)
        if let description = rule.description { object["Description"] = .string(description) }
        if let role = rule.roleARN { object["RoleArn"] = .string(role) }
        object["EventBusName"] = .string(rule.key.bus.name)
        return .object(object)
    }

    /// Rules of a bus in name order, `NamePrefix`, `Limit` (1-100) and `NextToken`.
    func listRules(_ call: EventsCall) async throws -> JSONValue {
        let prefix = try call.input.string("NamePrefix")
        if let prefix { try EventsNames.checkRuleName(prefix, member: "namePrefix") }
        let limit = try call.input.limit()
        let rules = try await backend.rules(on: try call.bus()).filter { $0.key.name.hasPrefix(prefix ?? "") }
        let (page, next) = try PageToken.page(rules, name: \.key.name, kind: "rules", token: try call.input.string("NextToken"), limit: limit)
        var output: JSONObject = ["Rules": .array(page.map(Self.describe))]
        if let next { output["NextToken"] = .string(next) }
        return .object(output)
    }

    func deleteRule(_ call: EventsCall) async throws -> JSONValue {
        _ = try call.input.bool("Force")
        try await backend.deleteRule(try call.rule())
        return .object([:])
    }

    func enableRule(_ call: EventsCall) async throws -> JSONValue {
        try await backend.updateRule(try call.rule()) { $0.state = "ENABLED" }
        return .object([:])
    }

    func disableRule(_ call: EventsCall) async throws -> JSONValue {
        try await backend.updateRule(try call.rule()) { $0.state = "DISABLED" }
        return .object([:])
    }
}
