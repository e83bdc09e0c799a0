import BrumeWire
import Hummingbird

/// CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi.
extension APIGatewayService {
    static let apiKeySources: Set<String> = ["HEADER", "AUTHORIZER"]
    static let endpointTypes: Set<String> = ["EDGE", "REGIONAL", "PRIVATE"]

    @Sendable func createRestApi(_ call: APIGatewayCall) async throws -> Response {
        if call.queryValue("mode") == "import" { return try await importRestApi(call) }
        let input = try call.input()
        let name = try input.requiredString("name")
        var api = RestApi(
            id: Identifiers.long(), name: name, description: try input.string("description"), createdDate: call.now,
            version: try input.string("version"), binaryMediaTypes: try input.stringList("binaryMediaTypes"),
            minimumCompressionSize: try input.int("minimumCompressionSize"), apiKeySource: try input.string("apiKeySource") ?? "HEADER",
            endpointConfiguration: RestApi.EndpointConfiguration(types: ["EDGE"]), policy: try input.string("policy"),
            tags: try input.stringMap("tags"), disableExecuteApiEndpoint: try input.bool("disableExecuteApiEndpoint") ?? false
        )
        try Self.validate(api)
        if let endpoint = try input.objectMember("endpointConfiguration") {
            let types = try endpoint.stringList("types") ?? ["EDGE"]
            guard types.count == 1, Self.endpointTypes.contains(types[0]) else {
                throw APIGatewayError.badRequest("Invalid endpoint configuration types: \(types). Must be exactly one of EDGE, REGIONAL, PRIVATE")
            }
            api.endpointConfiguration = RestApi.EndpointConfiguration(
                types: types, ipAddressType: try endpoint.string("ipAddressType") ?? "ipv4", vpcEndpointIds: try endpoint.stringList("vpcEndpointIds")
            )
        }
        let root = ApiResource(id: Identifiers.long(), parentId: nil, pathPart: nil, path: "/", resourceMethods: nil)
        api.rootResourceId = root.id
        var state = ApiState(api: api)
        state.resources[root.id] = root
        for model in Self.defaultModels() { state.models[model.name] = model }
        if let source = try input.string("cloneFrom") {
            guard let original = store.api(source) else { throw Self.apiNotFound(source, call: call) }
            state = Self.clone(original, as: api)
        }
        let created = state
        try store.mutate { all, changes in
            all.apis[created.api.id] = created
            changes.apis.insert(created.api.id)
        }
        return try APIGatewayResponse.json(created.api, status: 201)
    }

    /// A copy of `original`'s resources, methods, models, validators, authorizers and gateway
    /// responses under the new API `api` (deployments and stages are not cloned, as on AWS).
    static func clone(_ original: ApiState, as api: RestApi) -> ApiState {
        var state = ApiState(api: api)
        state.api.rootResourceId = original.api.rootResourceId
        state.resources = original.resources
        state.authorizers = original.authorizers
        state.requestValidators = original.requestValidators
        state.models = original.models
        state.gatewayResponses = original.gatewayResponses
        return state
    }

    static func validate(_ api: RestApi) throws(APIGatewayError) {
        if api.name.isEmpty { throw .badRequest("Invalid name: name must not be empty") }
        if let source = api.apiKeySource, !apiKeySources.contains(source) {
            throw .badRequest("1 validation error detected: Value '\(source)' at 'createRestApiInput.apiKeySource' failed to satisfy constraint: Member must satisfy enum value set: [HEADER, AUTHORIZER]")
        }
        if let size = api.minimumCompressionSize, size < 0 || size > 10_485_760 {
            throw .badRequest("Invalid minimum compression size, must be between 0 and 10485760")
        }
        for type in api.binaryMediaTypes ?? [] where !type.contains("/") {
            throw .badRequest("Invalid binary media type: \(type)")
        }
    }

    @Sendable func getRestApis(_ call: APIGatewayCall) async throws -> Response {
        let apis = try store.read { state in state.apis.values.map { (key: $0.api.id, value: $0.api) } }
        return try APIGatewayResponse.list(apis, call: call)
    }

    @Sendable func getRestApi(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try apiState(call).api)
    }

    @Sendable func deleteRestApi(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("restapi_id")
        try store.mutate { state, changes in
            guard let api = state.apis.removeValue(forKey: id) else { throw Self.apiNotFound(id, call: call) }
            changes.apis.insert(id)
            for deployment in api.snapshots.keys { changes.snapshots.insert(.init(apiId: id, deploymentId: deployment)) }
        }
        return APIGatewayResponse.empty(status: 202)
    }

    @Sendable func updateRestApi(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let api = try changeApi(call) { state, _ in
            for operation in operations { try Self.apply(operation, to: &state.api) }
            try Self.validate(state.api)
            return state.api
        }
        return try APIGatewayResponse.json(api)
    }

    /// UpdateRestApi's paths: `/name`, `/description`, `/version`, `/apiKeySource`, `/policy`,
    /// `/minimumCompressionSize`, `/disableExecuteApiEndpoint`, `/binaryMediaTypes/{type}` (add,
    /// remove; `/` in the type escaped as `~1`) and `/endpointConfiguration/types/{type}` (replace).
    static func apply(_ operation: PatchOperation, to api: inout RestApi) throws(APIGatewayError) {
        let path = operation.segments
        switch path.first {
        case "name":
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            api.name = try operation.requiredValue()
        case "description": try operation.apply(to: &api.description)
        case "version": try operation.apply(to: &api.version)
        case "policy": try operation.apply(to: &api.policy)
        case "apiKeySource":
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            api.apiKeySource = try operation.requiredValue()
        case "minimumCompressionSize":
            switch operation.op {
            case .replace:
                api.minimumCompressionSize = operation.value.flatMap { $0.isEmpty ? nil : $0 } == nil ? nil : try operation.intValue()
            case .remove: api.minimumCompressionSize = nil
            default: throw operation.invalidOp(allowed: [.replace, .remove])
            }
        case "disableExecuteApiEndpoint":
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            api.disableExecuteApiEndpoint = try operation.boolValue()
        case "binaryMediaTypes" where path.count == 2:
            var types = api.binaryMediaTypes ?? []
            switch operation.op {
            case .add: if !types.contains(path[1]) { types.append(path[1]) }
            case .remove: types.removeAll { $0 == path[1] }
            case .replace:
                guard let index = types.firstIndex(of: path[1]) else { throw .badRequest("Invalid binary media type: \(path[1])") }
                types[index] = try operation.requiredValue()
            default: throw operation.invalidOp(allowed: [.add, .remove, .replace])
            }
            api.binaryMediaTypes = types.isEmpty ? nil : types
        case "endpointConfiguration" where path.count == 3 && path[1] == "types":
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            let type = try operation.requiredValue()
            guard endpointTypes.contains(type) else { throw .badRequest("Invalid endpoint configuration type: \(type)") }
            api.endpointConfiguration = RestApi.EndpointConfiguration(types: [type], ipAddressType: api.endpointConfiguration?.ipAddressType)
        default:
            throw operation.unsupported()
        }
    }
}
