import Hummingbird

/// CreateUsagePlan, GetUsagePlan(s), UpdateUsagePlan, DeleteUsagePlan and the plan's keys.
extension APIGatewayService {
    static let quotaPeriods: Set<String> = ["DAY", "WEEK", "MONTH"]

    @Sendable func createUsagePlan(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        var stages: [ApiStage] = []
        for stage in try input.objectList("apiStages") ?? [] {
            var throttles: [String: ThrottleSettings]?
            if let methods = try stage.objectMember("throttle") {
                throttles = [:]
                for (path, value) in methods.object {
                    guard let settings = value.objectValue else { throw Input.typeError("throttle", "map of ThrottleSettings") }
                    throttles?[path] = try Self.throttle(Input(object: settings))
                }
            }
            stages.append(ApiStage(apiId: try stage.string("apiId") ?? "", stage: try stage.string("stage") ?? "", throttle: throttles))
        }
        let plan = UsagePlan(
            id: Identifiers.short(), name: try input.requiredString("name"), description: try input.string("description"),
            apiStages: stages, throttle: try input.objectMember("throttle").map(Self.throttle),
            quota: try input.objectMember("quota").map(Self.quota), productCode: nil, tags: try input.stringMap("tags")
        )
        try store.mutate { state, changes in
            try Self.validate(plan, in: state, call: call)
            state.usagePlans[plan.id] = plan
            state.usagePlanKeys[plan.id] = []
            changes.usagePlans.insert(plan.id)
        }
        return try APIGatewayResponse.json(plan, status: 201)
    }

    static func throttle(_ input: Input) throws(APIGatewayError) -> ThrottleSettings {
        ThrottleSettings(burstLimit: try input.int("burstLimit"), rateLimit: try input.double("rateLimit"))
    }

    static func quota(_ input: Input) throws(APIGatewayError) -> QuotaSettings {
        QuotaSettings(limit: try input.int("limit"), offset: try input.int("offset") ?? 0, period: try input.string("period"))
    }

    static func validate(_ plan: UsagePlan, in state: APIGatewayState, call: APIGatewayCall) throws(APIGatewayError) {
        if plan.name.isEmpty { throw .badRequest("Invalid name: name must not be empty") }
        var seen: Set<String> = []
        for stage in plan.apiStages ?? [] {
            guard let api = state.apis[stage.apiId] else { throw apiNotFound(stage.apiId, call: call) }
            guard api.stages[stage.stage] != nil else { throw .notFound("Invalid stage identifier specified") }
            guard seen.insert("\(stage.apiId):\(stage.stage)").inserted else {
                throw .badRequest("Duplicate API stage \(stage.apiId):\(stage.stage) in usage plan")
            }
            for (path, throttle) in stage.throttle ?? [:] {
                try validate(methodThrottlePath: path, in: api)
                try validate(throttle)
            }
        }
        if let throttle = plan.throttle { try validate(throttle) }
        if let quota = plan.quota {
            guard let limit = quota.limit, limit >= 0 else { throw .badRequest("Quota limit must be a non-negative integer") }
            _ = limit
            guard let period = quota.period, quotaPeriods.contains(period) else {
                throw .badRequest("Invalid quota period: \(quota.period ?? "null"). Valid values are DAY, WEEK, MONTH")
            }
            let offset = quota.offset ?? 0
            let maximum = switch period { case "DAY": 0; case "WEEK": 6; default: 27 }
            guard offset >= 0, offset <= maximum else {
                throw .badRequest("Quota offset must be between 0 and \(maximum) for period \(period)")
            }
        }
    }

    static func validate(_ throttle: ThrottleSettings) throws(APIGatewayError) {
        if let burst = throttle.burstLimit, burst < 0 { throw .badRequest("Burst limit must be a non-negative integer") }
        if let rate = throttle.rateLimit, rate < 0 || !rate.isFinite { throw .badRequest("Rate limit must be a non-negative number") }
    }

    /// `/pets/GET` (or `/*/*`): a resource path of the API and a method.
    static func validate(methodThrottlePath path: String, in api: ApiState) throws(APIGatewayError) {
        guard let slash = path.lastIndex(of: "/"), path.hasPrefix("/") else {
            throw .badRequest("Invalid method throttle path: \(path). Expected {resourcePath}/{httpMethod}")
        }
        let resourcePath = String(path[..<slash])
        let method = String(path[path.index(after: slash)...])
        if resourcePath == "/*" && method == "*" { return }
        guard method == "*" || httpMethods.contains(method),
              api.resources.values.contains(where: { $0.path == (resourcePath.isEmpty ? "/" : resourcePath) })
        else { throw .badRequest("Invalid method throttle path: \(path). No such resource or method in API \(api.api.id)") }
    }

    func usagePlan(_ id: String) throws(APIGatewayError) -> UsagePlan {
        guard let plan = try? store.read({ $0.usagePlans[id] }) else { throw .notFound("Invalid Usage Plan ID specified") }
        return plan
    }

    @Sendable func getUsagePlans(_ call: APIGatewayCall) async throws -> Response {
        let keyId = call.queryValue("keyId")
        let plans = try store.read { state in
            state.usagePlans.values.filter { plan in keyId.map { state.usagePlanKeys[plan.id]?.contains($0) ?? false } ?? true }
        }
        return try APIGatewayResponse.list(plans.map { (key: $0.id, value: $0) }, call: call)
    }

    @Sendable func getUsagePlan(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try usagePlan(call.parameter("usageplanId")))
    }

    @Sendable func deleteUsagePlan(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("usageplanId")
        try store.mutate { state, changes in
            guard state.usagePlans.removeValue(forKey: id) != nil else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            state.usagePlanKeys[id] = nil
            state.usage = state.usage.filter { $0.key.usagePlanId != id }
            changes.usagePlans.insert(id)
        }
        return APIGatewayResponse.empty(status: 202)
    }

    @Sendable func updateUsagePlan(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("usageplanId")
        let plan = try store.mutate { state, changes in
            guard var plan = state.usagePlans[id] else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            for operation in operations { try Self.apply(operation, to: &plan) }
            try Self.validate(plan, in: state, call: call)
            state.usagePlans[id] = plan
            changes.usagePlans.insert(id)
            return plan
        }
        return try APIGatewayResponse.json(plan)
    }

    /// UpdateUsagePlan's paths: `/name`, `/description`, `/productCode`, `/throttle/burstLimit`,
    /// `/throttle/rateLimit`, `/quota/limit`, `/quota/period`, `/quota/offset` (replace),
    /// `/throttle` and `/quota` (remove), `/apiStages` (add, remove; value `{apiId}:{stage}`),
    /// `/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/{rateLimit|burstLimit}`
    /// (replace) and `/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}` (remove).
    static func apply(_ operation: PatchOperation, to plan: inout UsagePlan) throws(APIGatewayError) {
        let path = operation.segments
        switch (path.first, path.count) {
        case ("name", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            plan.name = try operation.requiredValue()
        case ("description", 1): try operation.apply(to: &plan.description)
        case ("productCode", 1): try operation.apply(to: &plan.productCode)
        case ("throttle", 1):
            guard operation.op == .remove else { throw operation.invalidOp(allowed: [.remove]) }
            plan.throttle = nil
        case ("quota", 1):
            guard operation.op == .remove else { throw operation.invalidOp(allowed: [.remove]) }
            plan.quota = nil
        case ("throttle", 2):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            var throttle = plan.throttle ?? ThrottleSettings()
            switch path[1] {
            case "burstLimit": throttle.burstLimit = try operation.intValue()
            case "rateLimit": throttle.rateLimit = try operation.doubleValue()
            default: throw operation.unsupported()
            }
            plan.throttle = throttle
        case ("quota", 2):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            var quota = plan.quota ?? QuotaSettings(limit: nil, offset: 0, period: nil)
            switch path[1] {
            case "limit": quota.limit = try operation.intValue()
            case "offset": quota.offset = try operation.intValue()
            case "period": quota.period = try operation.requiredValue()
            default: throw operation.unsupported()
            }
            plan.quota = quota
        case ("apiStages", 1):
            let value = try operation.requiredValue()
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .badRequest("Invalid API stage: \(value). Expected {apiId}:{stage}") }
            var stages = plan.apiStages ?? []
            switch operation.op {
            case .add: stages.append(ApiStage(apiId: parts[0], stage: parts[1], throttle: nil))
            case .remove:
                guard stages.contains(where: { $0.apiId == parts[0] && $0.stage == parts[1] }) else {
                    throw .notFound("Invalid API stage specified: \(value)")
                }
                stages.removeAll { $0.apiId == parts[0] && $0.stage == parts[1] }
            default: throw operation.invalidOp(allowed: [.add, .remove])
            }
            plan.apiStages = stages
        case ("apiStages", let count) where (count == 5 || count == 6) && path[2] == "throttle":
            let stageName = path[1]
            guard let index = plan.apiStages?.firstIndex(where: { "\($0.apiId):\($0.stage)" == stageName }) else {
                throw .notFound("Invalid API stage specified: \(stageName)")
            }
            var stage = plan.apiStages![index]
            let setting = path.count == 6 ? path[5] : nil
            // `~1pets` (escaped `/pets`), `~1` (the root) or `*`, then the method: `/pets/GET`, `/GET`, `/*/*`.
            let resourcePath = path[3].hasPrefix("/") ? path[3] : "/" + path[3]
            let key = (resourcePath == "/" ? "" : resourcePath) + "/" + path[4]
            var throttles = stage.throttle ?? [:]
            switch (operation.op, setting) {
            case (.remove, nil): throttles[key] = nil
            case (.replace, "rateLimit"): throttles[key, default: ThrottleSettings()].rateLimit = try operation.doubleValue()
            case (.replace, "burstLimit"): throttles[key, default: ThrottleSettings()].burstLimit = try operation.intValue()
            default: throw operation.unsupported()
            }
            stage.throttle = throttles.isEmpty ? nil : throttles
            plan.apiStages![index] = stage
        default:
            throw operation.unsupported()
        }
    }

    // MARK: Usage plan keys

    static func planKey(_ key: ApiKey) -> UsagePlanKey {
        UsagePlanKey(id: key.id, type: "API_KEY", value: key.value, name: key.name)
    }

    @Sendable func createUsagePlanKey(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let keyId = try input.requiredString("keyId")
        let keyType = try input.requiredString("keyType")
        guard keyType == "API_KEY" else { throw APIGatewayError.badRequest("Invalid key type: \(keyType). Only API_KEY is supported.") }
        let planId = call.parameter("usageplanId")
        let key = try store.mutate { state, changes in
            guard let plan = state.usagePlans[planId] else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            guard let key = state.apiKeys[keyId] else { throw APIGatewayError.notFound("Invalid API Key identifier specified") }
            if state.usagePlanKeys[planId]?.contains(keyId) ?? false {
                throw APIGatewayError.conflict("Usage Plan \(planId) already contains API Key \(keyId)")
            }
            // AWS lets a key reach an API stage through one plan only.
            let stages = Set((plan.apiStages ?? []).map { "\($0.apiId):\($0.stage)" })
            for (otherId, keys) in state.usagePlanKeys where otherId != planId && keys.contains(keyId) {
                let other = Set((state.usagePlans[otherId]?.apiStages ?? []).map { "\($0.apiId):\($0.stage)" })
                if let shared = stages.intersection(other).sorted().first {
                    throw APIGatewayError.conflict(
                        "Usage Plan \(planId) cannot be added because API Key \(keyId) cannot reference multiple Usage Plans with the same API Stage: \(shared)"
                    )
                }
            }
            state.usagePlanKeys[planId, default: []].insert(keyId)
            changes.usagePlans.insert(planId)
            return key
        }
        return try APIGatewayResponse.json(Self.planKey(key), status: 201)
    }

    @Sendable func getUsagePlanKeys(_ call: APIGatewayCall) async throws -> Response {
        let planId = call.parameter("usageplanId")
        let nameQuery = call.queryValue("name")
        let keys = try store.read { state in
            guard state.usagePlans[planId] != nil else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            return (state.usagePlanKeys[planId] ?? []).compactMap { state.apiKeys[$0] }
                .filter { key in nameQuery.map { (key.name ?? "").hasPrefix($0) } ?? true }
        }
        return try APIGatewayResponse.list(keys.map { (key: $0.id, value: Self.planKey($0)) }, call: call)
    }

    @Sendable func getUsagePlanKey(_ call: APIGatewayCall) async throws -> Response {
        let planId = call.parameter("usageplanId")
        let keyId = call.parameter("keyId")
        let key = try store.read { state in
            guard state.usagePlans[planId] != nil else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            guard state.usagePlanKeys[planId]?.contains(keyId) ?? false, let key = state.apiKeys[keyId] else {
                throw APIGatewayError.notFound("Invalid Usage Plan Key identifier specified")
            }
            return key
        }
        return try APIGatewayResponse.json(Self.planKey(key))
    }

    @Sendable func deleteUsagePlanKey(_ call: APIGatewayCall) async throws -> Response {
        let planId = call.parameter("usageplanId")
        let keyId = call.parameter("keyId")
        try store.mutate { state, changes in
            guard state.usagePlans[planId] != nil else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
            guard state.usagePlanKeys[planId]?.remove(keyId) != nil else {
                throw APIGatewayError.notFound("Invalid Usage Plan Key identifier specified")
            }
            changes.usagePlans.insert(planId)
        }
        return APIGatewayResponse.empty(status: 202)
    }
}
