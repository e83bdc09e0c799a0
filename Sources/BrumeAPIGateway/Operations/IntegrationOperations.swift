import Hummingbird

/// PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration and the integration responses.
extension APIGatewayService {
    static let integrationTypes = ["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"]
    static let passthroughBehaviors: Set<String> = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]
    static let contentHandlings: Set<String> = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]

    @Sendable func putIntegration(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let resourceId = call.parameter("resource_id")
        var integration = Integration(
            type: try input.requiredString("type"), httpMethod: try input.string("httpMethod"), uri: try input.string("uri"),
            connectionType: try input.string("connectionType") ?? "INTERNET", connectionId: try input.string("connectionId"),
            credentials: try input.string("credentials"), requestParameters: try input.stringMap("requestParameters"),
            requestTemplates: try input.stringMap("requestTemplates"),
            passthroughBehavior: try input.string("passthroughBehavior") ?? "WHEN_NO_MATCH",
            contentHandling: try input.string("contentHandling"), timeoutInMillis: try input.int("timeoutInMillis") ?? 29000,
            cacheNamespace: try input.string("cacheNamespace") ?? resourceId, cacheKeyParameters: try input.stringList("cacheKeyParameters") ?? [],
            integrationResponses: nil, tlsConfig: nil
        )
        if let tls = try input.objectMember("tlsConfig") {
            integration.tlsConfig = Integration.TlsConfig(insecureSkipVerification: try tls.bool("insecureSkipVerification"))
        }
        try Self.validate(integration)
        let created = try changeApi(call) { state, _ in
            try state.changeMethod(resourceId, try Self.httpMethod(call)) { method in
                method.methodIntegration = integration
                return integration
            }
        }
        return try APIGatewayResponse.json(created, status: 201)
    }

    static func validate(_ integration: Integration) throws(APIGatewayError) {
        guard integrationTypes.contains(integration.type) else {
            throw .badRequest(
                "1 validation error detected: Value '\(integration.type)' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [\(integrationTypes.joined(separator: ", "))]"
            )
        }
        if integration.type != "MOCK" {
            guard let method = integration.httpMethod, !method.isEmpty else { throw .badRequest("Enumeration value for HttpMethod must be non-empty") }
            guard httpMethods.contains(method) else {
                throw .badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
            }
            let uri = integration.uri ?? ""
            switch integration.type {
            case "HTTP", "HTTP_PROXY":
                guard uri.hasPrefix("http://") || uri.hasPrefix("https://") else { throw .badRequest("Invalid HTTP endpoint specified for URI") }
            default:
                guard uri.hasPrefix("arn:"), uri.split(separator: ":", omittingEmptySubsequences: false).count >= 6 else {
                    throw .badRequest("Invalid ARN specified in the request")
                }
                guard uri.contains(":path/") || uri.contains(":action/") else {
                    throw .badRequest("AWS ARN for integration must contain path or action")
                }
            }
        }
        if let timeout = integration.timeoutInMillis, timeout < 50 || timeout > 29000 {
            throw .badRequest("Timeout should be between 50 ms and 29000 ms")
        }
        if let behavior = integration.passthroughBehavior, !passthroughBehaviors.contains(behavior) {
            throw .badRequest("Invalid passthrough behavior specified: \(behavior). Valid options are WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER")
        }
        if let handling = integration.contentHandling, !contentHandlings.contains(handling) {
            throw .badRequest("Invalid content handling specified: \(handling). Valid options are CONVERT_TO_BINARY, CONVERT_TO_TEXT")
        }
        for name in (integration.requestParameters ?? [:]).keys where !isIntegrationRequestParameter(name) {
            throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(name)]")
        }
    }

    static func isIntegrationRequestParameter(_ name: String) -> Bool {
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "integration" && parts[1] == "request"
            && ["querystring", "path", "header", "multivaluequerystring", "multivalueheader"].contains(parts[2]) && !parts[3].isEmpty
    }

    @Sendable func getIntegration(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try apiState(call).integration(call.parameter("resource_id"), try Self.httpMethod(call)))
    }

    @Sendable func deleteIntegration(_ call: APIGatewayCall) async throws -> Response {
        try changeApi(call) { state, _ in
            try state.changeMethod(call.parameter("resource_id"), try Self.httpMethod(call)) { method in
                guard method.methodIntegration != nil else { throw APIGatewayError.notFound("Invalid Integration identifier specified") }
                method.methodIntegration = nil
            }
        }
        return APIGatewayResponse.empty(status: 204)
    }

    /// UpdateIntegration: the scalar members (replace), `/requestParameters/{name}` and
    /// `/requestTemplates/{contentType}` (add, replace, remove), `/cacheKeyParameters/{name}`
    /// (add, remove), `/tlsConfig/insecureSkipVerification`.
    @Sendable func updateIntegration(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let integration = try changeApi(call) { state, _ in
            try state.changeIntegration(call.parameter("resource_id"), try Self.httpMethod(call)) { integration in
                for operation in operations { try Self.apply(operation, to: &integration) }
                try Self.validate(integration)
                return integration
            }
        }
        return try APIGatewayResponse.json(integration)
    }

    static func apply(_ operation: PatchOperation, to integration: inout Integration) throws(APIGatewayError) {
        let path = operation.segments
        switch (path.first, path.count) {
        case ("type", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            integration.type = try operation.requiredValue()
        case ("httpMethod", 1): try operation.apply(to: &integration.httpMethod)
        case ("uri", 1): try operation.apply(to: &integration.uri)
        case ("credentials", 1): try operation.apply(to: &integration.credentials)
        case ("passthroughBehavior", 1): try operation.apply(to: &integration.passthroughBehavior)
        case ("contentHandling", 1): try operation.apply(to: &integration.contentHandling)
        case ("connectionType", 1): try operation.apply(to: &integration.connectionType)
        case ("connectionId", 1): try operation.apply(to: &integration.connectionId)
        case ("cacheNamespace", 1): try operation.apply(to: &integration.cacheNamespace)
        case ("timeoutInMillis", 1):
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            integration.timeoutInMillis = try operation.intValue()
        case ("requestParameters", 2): try operation.apply(entry: path[1], to: &integration.requestParameters)
        case ("requestTemplates", 2): try operation.apply(entry: path[1], to: &integration.requestTemplates)
        case ("cacheKeyParameters", 2):
            var parameters = integration.cacheKeyParameters ?? []
            switch operation.op {
            case .add: if !parameters.contains(path[1]) { parameters.append(path[1]) }
            case .remove: parameters.removeAll { $0 == path[1] }
            default: throw operation.invalidOp(allowed: [.add, .remove])
            }
            integration.cacheKeyParameters = parameters
        case ("tlsConfig", 2) where path[1] == "insecureSkipVerification":
            guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
            integration.tlsConfig = Integration.TlsConfig(insecureSkipVerification: try operation.boolValue())
        default:
            throw operation.unsupported()
        }
    }

    // MARK: Integration responses

    @Sendable func putIntegrationResponse(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let status = try Self.statusCode(call)
        let response = IntegrationResponse(
            statusCode: status, selectionPattern: try input.string("selectionPattern"),
            responseParameters: try input.stringMap("responseParameters"), responseTemplates: try input.stringMap("responseTemplates"),
            contentHandling: try input.string("contentHandling")
        )
        try Self.validate(response)
        try changeApi(call) { state, _ in
            try state.changeIntegration(call.parameter("resource_id"), try Self.httpMethod(call)) { integration in
                integration.integrationResponses = (integration.integrationResponses ?? [:]).merging([status: response]) { _, new in new }
            }
        }
        return try APIGatewayResponse.json(response, status: 201)
    }

    static func validate(_ response: IntegrationResponse) throws(APIGatewayError) {
        if let pattern = response.selectionPattern, (try? Regex(pattern)) == nil {
            throw .badRequest("Invalid selection pattern specified: \(pattern)")
        }
        if let handling = response.contentHandling, !contentHandlings.contains(handling) {
            throw .badRequest("Invalid content handling specified: \(handling). Valid options are CONVERT_TO_BINARY, CONVERT_TO_TEXT")
        }
        for name in (response.responseParameters ?? [:]).keys where !name.hasPrefix("method.response.header.") {
            throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(name)]")
        }
    }

    static func integrationResponse(_ integration: Integration, _ status: String) throws(APIGatewayError) -> IntegrationResponse {
        guard let response = integration.integrationResponses?[status] else { throw .notFound("Invalid Response status code specified") }
        return response
    }

    @Sendable func getIntegrationResponse(_ call: APIGatewayCall) async throws -> Response {
        let integration = try apiState(call).integration(call.parameter("resource_id"), try Self.httpMethod(call))
        return try APIGatewayResponse.json(try Self.integrationResponse(integration, try Self.statusCode(call)))
    }

    @Sendable func deleteIntegrationResponse(_ call: APIGatewayCall) async throws -> Response {
        let status = try Self.statusCode(call)
        try changeApi(call) { state, _ in
            try state.changeIntegration(call.parameter("resource_id"), try Self.httpMethod(call)) { integration in
                _ = try Self.integrationResponse(integration, status)
                integration.integrationResponses?[status] = nil
            }
        }
        return APIGatewayResponse.empty(status: 204)
    }

    /// UpdateIntegrationResponse: `/selectionPattern`, `/contentHandling`,
    /// `/responseParameters/{name}`, `/responseTemplates/{contentType}`.
    @Sendable func updateIntegrationResponse(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let status = try Self.statusCode(call)
        let response = try changeApi(call) { state, _ in
            try state.changeIntegration(call.parameter("resource_id"), try Self.httpMethod(call)) { integration in
                var response = try Self.integrationResponse(integration, status)
                for operation in operations {
                    let path = operation.segments
                    switch (path.first, path.count) {
                    case ("selectionPattern", 1): try operation.apply(to: &response.selectionPattern)
                    case ("contentHandling", 1): try operation.apply(to: &response.contentHandling)
                    case ("responseParameters", 2): try operation.apply(entry: path[1], to: &response.responseParameters)
                    case ("responseTemplates", 2): try operation.apply(entry: path[1], to: &response.responseTemplates)
                    default: throw operation.unsupported()
                    }
                }
                try Self.validate(response)
                integration.integrationResponses?[status] = response
                return response
            }
        }
        return try APIGatewayResponse.json(response)
    }
}
