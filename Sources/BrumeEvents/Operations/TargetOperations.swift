import BrumeWire

/// PutTargets, RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget.
extension EventsService {
    func putTargets(_ call: EventsCall) async throws -> JSONValue {
        let key = try call.rule(member: "Rule")
        guard let items = try call.input.array("Targets") else { throw EventsError.constraint(nil, at: "targets", "Member must not be null") }
        guard !items.isEmpty else { throw EventsError.constraint("[]", at: "targets", "Member must have length greater than or equal to 1") }
        guard items.count <= 100 else { throw EventsError.constraint(nil, at: "targets", "Member must have length less than or equal to 100") }
        var targets: [TargetRecord] = []
        for item in items {
            guard item.objectValue != nil else { throw EventsError.serialization("Targets") }
            let target = try TargetRules.target(EventsInput(item), account: call.caller.accountID, region: call.caller.region)
            guard !targets.contains(where: { $0.id == target.id }) else {
                throw EventsError.validation("The target id \(target.id) appears more than once in the request.")
            }
            targets.append(target)
        }
        try await backend.putTargets(key, targets)
        return ["FailedEntryCount": 0, "FailedEntries": []]
    }

    /// Removes targets by id; ids the rule does not have are no error.
    func removeTargets(_ call: EventsCall) async throws -> JSONValue {
        let key = try call.rule(member: "Rule")
        guard let ids = try call.input.stringList("Ids") else { throw EventsError.constraint(nil, at: "ids", "Member must not be null") }
        guard (1...100).contains(ids.count) else {
            throw EventsError.constraint(nil, at: "ids", ids.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100")
        }
        for id in ids { try EventsNames.checkRuleName(id, member: "ids.member") }
        _ = try call.input.bool("Force")
        try await backend.updateRule(key) { $0.targets.removeAll { ids.contains($0.id) } }
        return ["FailedEntryCount": 0, "FailedEntries": []]
    }

    func listTargetsByRule(_ call: EventsCall) async throws -> JSONValue {
        let rule = try await backend.rule(try call.rule(member: "Rule"))
        let limit = try call.input.limit()
        var start = 0
        if let token = try call.input.string("NextToken") {
            guard let payload = ListingToken.payload(token, kind: "targets"), let offset = Int(payload), offset >= 0 else { throw EventsError.invalidToken }
            start = min(offset, rule.targets.count)
        }
        let page = rule.targets[start...].prefix(limit)
        var output: JSONObject = ["Targets": .array(page.map(TargetRules.json))]
        if start + page.count < rule.targets.count { output["NextToken"] = .string(ListingToken.make("targets", String(start + page.count))) }
        return .object(output)
    }

    /// Names of the bus's rules with a target of `TargetArn`, in name order.
    func listRuleNamesByTarget(_ call: EventsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("TargetArn")
        guard (1...1600).contains(arn.count) else {
            throw EventsError.constraint(arn, at: "targetArn", "Member must have length greater than or equal to 1")
        }
        let limit = try call.input.limit()
        let rules = try await backend.rules(on: try call.bus()).filter { $0.targets.contains { $0.arn == arn } }
        let (page, next) = try PageToken.page(rules, name: \.key.name, kind: "rule-names", token: try call.input.string("NextToken"), limit: limit)
        var output: JSONObject = ["RuleNames": .array(page.map { .string($0.key.name) })]
        if let next { output["NextToken"] = .string(next) }
        return .object(output)
    }
}
