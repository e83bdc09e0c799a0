import Hummingbird

/// CreateApiKey, ImportApiKeys, GetApiKey(s), UpdateApiKey, DeleteApiKey.
extension APIGatewayService {
    /// POST /apikeys is CreateApiKey, or ImportApiKeys with `mode=import`.
    @Sendable func createApiKeyOrImport(_ call: APIGatewayCall) async throws -> Response {
        if call.queryValue("mode") == "import" { return try await importApiKeys(call) }
        return try await createApiKey(call)
    }

    static func validateKeyValue(_ value: String) throws(APIGatewayError) {
        if value.count < 20 { throw .badRequest("API Key value should be at least 20 characters") }
        if value.count > 128 { throw .badRequest("API Key value exceeds maximum size of 128 characters") }
    }

    func createApiKey(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let value = try input.string("value") ?? Identifiers.apiKeyValue()
        try Self.validateKeyValue(value)
        var stageKeys: [String] = []
        for stageKey in try input.objectList("stageKeys") ?? [] {
            stageKeys.append("\(try stageKey.string("restApiId") ?? "")/\(try stageKey.string("stageName") ?? "")")
        }
        let key = ApiKey(
            id: Identifiers.long(), value: value, name: try input.string("name"), customerId: try input.string("customerId"),
            description: try input.string("description"), enabled: try input.bool("enabled") ?? false,
            createdDate: call.now, lastUpdatedDate: call.now, stageKeys: stageKeys, tags: try input.stringMap("tags")
        )
        try store.mutate { state, changes in
            try Self.checkStageKeys(stageKeys, in: state, call: call)
            if state.apiKeyIDsByValue[value] != nil { throw APIGatewayError.conflict("API Key already exists") }
            state.apiKeys[key.id] = key
            state.apiKeyIDsByValue[value] = key.id
            changes.apiKeys.insert(key.id)
        }
        return try APIGatewayResponse.json(key, status: 201)
    }

    static func checkStageKeys(_ stageKeys: [String], in state: APIGatewayState, call: APIGatewayCall) throws(APIGatewayError) {
        for stageKey in stageKeys {
            let parts = stageKey.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let api = state.apis[parts[0]] else { throw apiNotFound(parts.first ?? "", call: call) }
            guard api.stages[parts[1]] != nil else { throw .notFound("Invalid Stage identifier specified") }
        }
    }

    func importApiKeys(_ call: APIGatewayCall) async throws -> Response {
        guard let format = call.queryValue("format") else {
            throw APIGatewayError.badRequest("1 validation error detected: Value null at 'format' failed to satisfy constraint: Member must not be null")
        }
        guard format == "csv" else { throw APIGatewayError.badRequest("Invalid format: \(format). Only csv is supported.") }
        let file = try ApiKeyCSV(parsing: try call.text())
        let failOnWarnings = call.queryFlag("failonwarnings")
        let (ids, warnings) = try store.mutate { state, changes in
            var ids: [String] = []
            var warnings: [String] = []
            for (index, entry) in file.entries.enumerated() {
                var plans: [String] = []
                for plan in entry.usagePlanIds {
                    if state.usagePlans[plan] == nil {
                        warnings.append("Usage plan \(plan) not found for API key at line \(index + 2)")
                    } else {
                        plans.append(plan)
                    }
                }
                // The same value imported again overwrites the key, as AWS does.
                let id = state.apiKeyIDsByValue[entry.key] ?? Identifiers.long()
                let created = state.apiKeys[id]?.createdDate ?? call.now
                state.apiKeys[id] = ApiKey(
                    id: id, value: entry.key, name: entry.name, customerId: nil, description: entry.description.isEmpty ? nil : entry.description,
                    enabled: entry.enabled, createdDate: created, lastUpdatedDate: call.now, stageKeys: [], tags: nil
                )
                state.apiKeyIDsByValue[entry.key] = id
                changes.apiKeys.insert(id)
                for plan in plans {
                    state.usagePlanKeys[plan, default: []].insert(id)
                    changes.usagePlans.insert(plan)
                }
                ids.append(id)
            }
            if failOnWarnings, let first = warnings.first { throw APIGatewayError.badRequest(first) }
            return (ids, warnings)
        }
        return try APIGatewayResponse.json(ImportedKeys(ids: ids, warnings: warnings), status: 201)
    }

    struct ImportedKeys: Encodable, Sendable {
        var ids: [String]
        var warnings: [String]
    }

    /// A key as answered: its value only when asked for.
    static func view(_ key: ApiKey, includeValue: Bool) -> ApiKey {
        var view = key
        if !includeValue { view.value = nil }
        return view
    }

    @Sendable func getApiKeys(_ call: APIGatewayCall) async throws -> Response {
        let includeValues = call.queryFlag("includeValues")
        let nameQuery = call.queryValue("name")
        let customerId = call.queryValue("customerId")
        let keys = try store.read { state in
            state.apiKeys.values.filter { key in
                (nameQuery.map { (key.name ?? "").hasPrefix($0) } ?? true) && (customerId.map { key.customerId == $0 } ?? true)
            }
        }
        return try APIGatewayResponse.list(keys.map { (key: $0.id, value: Self.view($0, includeValue: includeValues)) }, call: call)
    }

    func apiKey(_ id: String) throws(APIGatewayError) -> ApiKey {
        guard let key = store.apiKey(id: id) else { throw .notFound("Invalid API Key identifier specified") }
        return key
    }

    @Sendable func getApiKey(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(Self.view(try apiKey(call.parameter("api_Key")), includeValue: call.queryFlag("includeValue")))
    }

    @Sendable func deleteApiKey(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("api_Key")
        try store.mutate { state, changes in
            guard let key = state.apiKeys.removeValue(forKey: id) else { throw APIGatewayError.notFound("Invalid API Key identifier specified") }
            if let value = key.value { state.apiKeyIDsByValue[value] = nil }
            changes.apiKeys.insert(id)
            for (plan, keys) in state.usagePlanKeys where keys.contains(id) {
                state.usagePlanKeys[plan]?.remove(id)
                changes.usagePlans.insert(plan)
            }
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// UpdateApiKey: `/name`, `/description`, `/customerId`, `/enabled` (replace) and `/stages`
    /// (add, remove; the value `{restApiId}/{stageName}`).
    @Sendable func updateApiKey(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("api_Key")
        let key = try store.mutate { state, changes in
            guard var key = state.apiKeys[id] else { throw APIGatewayError.notFound("Invalid API Key identifier specified") }
            for operation in operations {
                switch operation.segments {
                case ["name"]: try operation.apply(to: &key.name)
                case ["description"]: try operation.apply(to: &key.description)
                case ["customerId"]: try operation.apply(to: &key.customerId)
                case ["enabled"]:
                    guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                    key.enabled = try operation.boolValue()
                case ["stages"]:
                    let stageKey = try operation.requiredValue()
                    switch operation.op {
                    case .add:
                        try Self.checkStageKeys([stageKey], in: state, call: call)
                        if !(key.stageKeys ?? []).contains(stageKey) { key.stageKeys = (key.stageKeys ?? []) + [stageKey] }
                    case .remove: key.stageKeys?.removeAll { $0 == stageKey }
                    default: throw operation.invalidOp(allowed: [.add, .remove])
                    }
                default: throw operation.unsupported()
                }
            }
            key.lastUpdatedDate = call.now
            state.apiKeys[id] = key
            changes.apiKeys.insert(id)
            return key
        }
        return try APIGatewayResponse.json(Self.view(key, includeValue: false))
    }
}
