import Hummingbird

/// CreateStage, GetStage(s), UpdateStage (variables and method settings), DeleteStage.
extension APIGatewayService {
    static func validateStageName(_ name: String) throws(APIGatewayError) {
        guard !name.isEmpty, name.count <= 128, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw .badRequest("Stage name only allows a-zA-Z0-9_")
        }
    }

    /// Stage variable names are alphanumeric and `_`; values at most 2,048 characters of a
    /// limited set, as AWS checks them.
    static func validate(variables: [String: String]) throws(APIGatewayError) {
        for (name, value) in variables {
            guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw .badRequest("Stage variable name is not valid: \(name). Stage variable names can only contain alphanumeric characters and underscores.")
            }
            guard value.count <= 2048 else {
                throw .badRequest("Stage variable value exceeds maximum length of 2048 characters: \(name)")
            }
        }
    }

    @Sendable func createStage(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let name = try input.requiredString("stageName")
        let deploymentId = try input.requiredString("deploymentId")
        try Self.validateStageName(name)
        let variables = try input.stringMap("variables")
        if let variables { try Self.validate(variables: variables) }
        let stage = Stage(
            deploymentId: deploymentId, stageName: name, description: try input.string("description"),
            cacheClusterEnabled: try input.bool("cacheClusterEnabled") ?? false, cacheClusterSize: try input.string("cacheClusterSize"),
            cacheClusterStatus: "NOT_AVAILABLE", methodSettings: [:], variables: variables,
            documentationVersion: try input.string("documentationVersion"), tracingEnabled: try input.bool("tracingEnabled") ?? false,
            tags: try input.stringMap("tags"), createdDate: call.now, lastUpdatedDate: call.now
        )
        try changeApi(call) { state, _ in
            _ = try Self.deployment(state, deploymentId)
            if state.stages[name] != nil { throw APIGatewayError.conflict("Stage already exists") }
            state.stages[name] = stage
        }
        return try APIGatewayResponse.json(stage, status: 201)
    }

    static func stage(_ state: ApiState, _ name: String) throws(APIGatewayError) -> Stage {
        guard let stage = state.stages[name] else { throw .notFound("Invalid Stage identifier specified") }
        return stage
    }

    @Sendable func getStages(_ call: APIGatewayCall) async throws -> Response {
        var stages = try apiState(call).stages.values.sorted { $0.stageName < $1.stageName }
        if let deploymentId = call.queryValue("deploymentId") { stages.removeAll { $0.deploymentId != deploymentId } }
        return try APIGatewayResponse.json(APIGatewayResponse.ItemList(item: stages, position: nil))
    }

    @Sendable func getStage(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try Self.stage(try apiState(call), call.parameter("stage_name")))
    }

    @Sendable func deleteStage(_ call: APIGatewayCall) async throws -> Response {
        let name = call.parameter("stage_name")
        try changeApi(call) { state, _ in
            _ = try Self.stage(state, name)
            state.stages[name] = nil
        }
        return APIGatewayResponse.empty(status: 202)
    }

    @Sendable func updateStage(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let name = call.parameter("stage_name")
        let stage = try changeApi(call) { state, _ in
            var stage = try Self.stage(state, name)
            for operation in operations { try Self.apply(operation, to: &stage) }
            _ = try Self.deployment(state, stage.deploymentId)
            try Self.validate(variables: stage.variables ?? [:])
            stage.lastUpdatedDate = call.now
            state.stages[name] = stage
            return stage
        }
        return try APIGatewayResponse.json(stage)
    }

    /// UpdateStage's paths: `/description`, `/deploymentId`, `/tracingEnabled`,
    /// `/cacheClusterEnabled`, `/cacheClusterSize`, `/variables/{name}`, and method settings as
    /// `/{resourcePath}/{httpMethod}/{group}/{setting}` (`/*/*/throttling/rateLimit`,
    /// `/~1pets/GET/throttling/burstLimit`), or `/{resourcePath}/{httpMethod}` with remove.
    static func apply(_ operation: PatchOperation, to stage: inout Stage) throws(APIGatewayError) {
        let path = operation.segments
        switch (path.first, path.count) {
        case ("description", 1): try operation.apply(to: &stage.description)
        case ("deploymentId", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            stage.deploymentId = try operation.requiredValue()
        case ("documentationVersion", 1): try operation.apply(to: &stage.documentationVersion)
        case ("clientCertificateId", 1): try operation.apply(to: &stage.clientCertificateId)
        case ("tracingEnabled", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            stage.tracingEnabled = try operation.boolValue()
        case ("cacheClusterEnabled", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            stage.cacheClusterEnabled = try operation.boolValue()
        case ("cacheClusterSize", 1): try operation.apply(to: &stage.cacheClusterSize)
        case ("variables", 2): try operation.apply(entry: path[1], to: &stage.variables)
        case (_, 2) where operation.op == .remove:
            let key = try methodSettingKey(path[0], path[1], operation)
            guard stage.methodSettings?[key] != nil else { throw .badRequest("Cannot remove method setting \(key) because there is no method setting for this method ") }
            stage.methodSettings?[key] = nil
        case (_, 4):
            let key = try methodSettingKey(path[0], path[1], operation)
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            var setting = stage.methodSettings?[key] ?? stage.methodSettings?["*/*"] ?? MethodSetting()
            try apply(operation, setting: path[2] + "/" + path[3], to: &setting)
            stage.methodSettings = (stage.methodSettings ?? [:]).merging([key: setting]) { _, new in new }
        default:
            throw operation.unsupported()
        }
    }

    /// `*`/`*` → `*/*`; `/pets/{id}` and `GET` → `pets/{id}/GET`, the key AWS answers under.
    static func methodSettingKey(_ resourcePath: String, _ httpMethod: String, _ operation: PatchOperation) throws(APIGatewayError) -> String {
        guard httpMethod == "*" || httpMethods.contains(httpMethod) else { throw operation.unsupported() }
        let trimmed = resourcePath.hasPrefix("/") ? String(resourcePath.dropFirst()) : resourcePath
        return trimmed + "/" + httpMethod
    }

    static func apply(_ operation: PatchOperation, setting name: String, to setting: inout MethodSetting) throws(APIGatewayError) {
        switch name {
        case "metrics/enabled": setting.metricsEnabled = try operation.boolValue()
        case "logging/loglevel":
            let level = try operation.requiredValue()
            guard ["OFF", "ERROR", "INFO"].contains(level) else { throw .badRequest("Logging level must be one of: OFF, ERROR, INFO") }
            setting.loggingLevel = level
        case "logging/dataTrace": setting.dataTraceEnabled = try operation.boolValue()
        case "throttling/burstLimit": setting.throttlingBurstLimit = try operation.intValue()
        case "throttling/rateLimit": setting.throttlingRateLimit = try operation.doubleValue()
        case "caching/enabled": setting.cachingEnabled = try operation.boolValue()
        case "caching/ttlInSeconds":
            let ttl = try operation.intValue()
            guard (0...3600).contains(ttl) else { throw .badRequest("Cache ttl must be between 0 and 3600 seconds") }
            setting.cacheTtlInSeconds = ttl
        case "caching/dataEncrypted": setting.cacheDataEncrypted = try operation.boolValue()
        case "caching/requireAuthorizationForCacheControl": setting.requireAuthorizationForCacheControl = try operation.boolValue()
        case "caching/unauthorizedCacheControlHeaderStrategy":
            setting.unauthorizedCacheControlHeaderStrategy = try operation.requiredValue()
        default:
            throw operation.unsupported()
        }
    }
}
