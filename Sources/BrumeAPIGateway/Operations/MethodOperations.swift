import Hummingbird

/// PutMethod, GetMethod, UpdateMethod, DeleteMethod and the method responses.
extension APIGatewayService {
    static let httpMethods: Set<String> = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"]
    static let authorizationTypes: Set<String> = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]

    /// The `http_method` path parameter, checked.
    static func httpMethod(_ call: APIGatewayCall) throws(APIGatewayError) -> String {
        let method = call.parameter("http_method")
        guard httpMethods.contains(method) else {
            throw .badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
        }
        return method
    }

    @Sendable func putMethod(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let httpMethod = try Self.httpMethod(call)
        let resourceId = call.parameter("resource_id")
        let method = ApiMethod(
            httpMethod: httpMethod, authorizationType: try input.requiredString("authorizationType"),
            authorizerId: try input.string("authorizerId"), apiKeyRequired: try input.bool("apiKeyRequired") ?? false,
            requestValidatorId: try input.string("requestValidatorId"), operationName: try input.string("operationName"),
            requestParameters: try input.boolMap("requestParameters"), requestModels: try input.stringMap("requestModels"),
            methodResponses: nil, methodIntegration: nil, authorizationScopes: try input.stringList("authorizationScopes")
        )
        let created = try changeApi(call) { state, _ in
            var resource = try state.resource(resourceId)
            if resource.resourceMethods?[httpMethod] != nil { throw APIGatewayError.conflict("Method already exists for this resource") }
            try Self.validate(method, in: state)
            resource.resourceMethods = (resource.resourceMethods ?? [:]).merging([httpMethod: method]) { _, new in new }
            state.resources[resourceId] = resource
            return method
        }
        return try APIGatewayResponse.json(created, status: 201)
    }

    static func validate(_ method: ApiMethod, in state: ApiState) throws(APIGatewayError) {
        guard authorizationTypes.contains(method.authorizationType) else {
            throw .badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS")
        }
        if method.authorizationType == "CUSTOM" || method.authorizationType == "COGNITO_USER_POOLS" {
            guard let authorizerId = method.authorizerId else {
                throw .badRequest("Invalid authorizer ID specified. Setting the authorization type to \(method.authorizationType) requires a valid authorizer.")
            }
            guard let authorizer = state.authorizers[authorizerId] else { throw .badRequest("Invalid authorizer ID specified.") }
            if method.authorizationType == "CUSTOM", authorizer.type == "COGNITO_USER_POOLS" {
                throw .badRequest("Authorizer type COGNITO_USER_POOLS requires authorization type COGNITO_USER_POOLS")
            }
        }
        if let validator = method.requestValidatorId, state.requestValidators[validator] == nil {
            throw .badRequest("Invalid Request Validator identifier specified")
        }
        for name in (method.requestModels ?? [:]).values where !state.models.values.contains(where: { $0.name == name }) {
            throw .badRequest("Invalid model identifier specified: \(name)")
        }
        for name in (method.requestParameters ?? [:]).keys where !isMethodRequestParameter(name) {
            throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid method parameter name specified: \(name)]")
        }
    }

    /// `method.request.{querystring|path|header|multivaluequerystring|multivalueheader}.{name}`.
    static func isMethodRequestParameter(_ name: String) -> Bool {
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "method" && parts[1] == "request"
            && ["querystring", "path", "header", "multivaluequerystring", "multivalueheader"].contains(parts[2]) && !parts[3].isEmpty
    }

    @Sendable func getMethod(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try apiState(call).method(call.parameter("resource_id"), try Self.httpMethod(call)))
    }

    @Sendable func deleteMethod(_ call: APIGatewayCall) async throws -> Response {
        let resourceId = call.parameter("resource_id")
        let httpMethod = try Self.httpMethod(call)
        try changeApi(call) { state, _ in
            _ = try state.method(resourceId, httpMethod)
            state.resources[resourceId]?.resourceMethods?[httpMethod] = nil
        }
        return APIGatewayResponse.empty(status: 204)
    }

    /// UpdateMethod: `/authorizationType`, `/authorizerId`, `/apiKeyRequired`,
    /// `/requestValidatorId`, `/operationName` (replace), `/requestParameters/{name}` and
    /// `/requestModels/{contentType}` (add, replace, remove), `/authorizationScopes` (add, remove).
    @Sendable func updateMethod(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let resourceId = call.parameter("resource_id")
        let httpMethod = try Self.httpMethod(call)
        let method = try changeApi(call) { state, _ in
            let method = try state.changeMethod(resourceId, httpMethod) { method in
                for operation in operations { try Self.apply(operation, to: &method) }
                return method
            }
            try Self.validate(method, in: state)
            return method
        }
        return try APIGatewayResponse.json(method)
    }

    static func apply(_ operation: PatchOperation, to method: inout ApiMethod) throws(APIGatewayError) {
        let path = operation.segments
        switch (path.first, path.count) {
        case ("authorizationType", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            method.authorizationType = try operation.requiredValue()
            if method.authorizationType == "NONE" || method.authorizationType == "AWS_IAM" { method.authorizerId = nil }
        case ("authorizerId", 1): try operation.apply(to: &method.authorizerId)
        case ("requestValidatorId", 1): try operation.apply(to: &method.requestValidatorId)
        case ("operationName", 1): try operation.apply(to: &method.operationName)
        case ("apiKeyRequired", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            method.apiKeyRequired = try operation.boolValue()
        case ("requestParameters", 2): try operation.apply(entry: path[1], to: &method.requestParameters)
        case ("requestModels", 2): try operation.apply(entry: path[1], to: &method.requestModels)
        case ("authorizationScopes", _):
            var scopes = method.authorizationScopes ?? []
            switch operation.op {
            case .add: scopes.append(try operation.requiredValue())
            case .remove: scopes.removeAll { $0 == operation.value || (path.count == 2 && $0 == path[1]) }
            default: throw operation.invalidOp(allowed: [.add, .remove])
            }
            method.authorizationScopes = scopes.isEmpty ? nil : scopes
        default:
            throw operation.unsupported()
        }
    }

    // MARK: Method responses

    static func statusCode(_ call: APIGatewayCall) throws(APIGatewayError) -> String {
        let code = call.parameter("status_code")
        guard code.count == 3, code.allSatisfy(\.isNumber), let value = Int(code), (100...599).contains(value) else {
            throw .badRequest("Invalid status code: \(code)")
        }
        return code
    }

    @Sendable func putMethodResponse(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let status = try Self.statusCode(call)
        let response = MethodResponse(
            statusCode: status, responseParameters: try input.boolMap("responseParameters"), responseModels: try input.stringMap("responseModels")
        )
        for name in (response.responseParameters ?? [:]).keys where !name.hasPrefix("method.response.header.") {
            throw APIGatewayError.badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid method response parameter name specified: \(name)]")
        }
        try changeApi(call) { state, _ in
            try state.changeMethod(call.parameter("resource_id"), try Self.httpMethod(call)) { method in
                method.methodResponses = (method.methodResponses ?? [:]).merging([status: response]) { _, new in new }
            }
        }
        return try APIGatewayResponse.json(response, status: 201)
    }

    static func methodResponse(_ method: ApiMethod, _ status: String) throws(APIGatewayError) -> MethodResponse {
        guard let response = method.methodResponses?[status] else { throw .notFound("Invalid Response status code specified") }
        return response
    }

    @Sendable func getMethodResponse(_ call: APIGatewayCall) async throws -> Response {
        let method = try apiState(call).method(call.parameter("resource_id"), try Self.httpMethod(call))
        return try APIGatewayResponse.json(try Self.methodResponse(method, try Self.statusCode(call)))
    }

    @Sendable func deleteMethodResponse(_ call: APIGatewayCall) async throws -> Response {
        let status = try Self.statusCode(call)
        try changeApi(call) { state, _ in
            try state.changeMethod(call.parameter("resource_id"), try Self.httpMethod(call)) { method in
                _ = try Self.methodResponse(method, status)
                method.methodResponses?[status] = nil
            }
        }
        return APIGatewayResponse.empty(status: 204)
    }

    /// UpdateMethodResponse: `/responseParameters/{name}` and `/responseModels/{contentType}`.
    @Sendable func updateMethodResponse(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let status = try Self.statusCode(call)
        let response = try changeApi(call) { state, _ in
            try state.changeMethod(call.parameter("resource_id"), try Self.httpMethod(call)) { method in
                var response = try Self.methodResponse(method, status)
                for operation in operations {
                    let path = operation.segments
                    switch (path.first, path.count) {
                    case ("responseParameters", 2): try operation.apply(entry: path[1], to: &response.responseParameters)
                    case ("responseModels", 2): try operation.apply(entry: path[1], to: &response.responseModels)
                    default: throw operation.unsupported()
                    }
                }
                method.methodResponses?[status] = response
                return response
            }
        }
        // UpdateMethodResponse answers 201 in AWS's model.
        return try APIGatewayResponse.json(response, status: 201)
    }
}
