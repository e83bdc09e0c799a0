import Hummingbird

/// PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse, DeleteGatewayResponse.
extension APIGatewayService {
    static func responseType(_ call: APIGatewayCall) throws(APIGatewayError) -> String {
        let type = call.parameter("response_type")
        guard GatewayResponse.responseTypes.contains(type) else {
            throw .badRequest(
                "1 validation error detected: Value '\(type)' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [\(GatewayResponse.defaultStatuses.map(\.type).joined(separator: ", "))]"
            )
        }
        return type
    }

    @Sendable func putGatewayResponse(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let type = try Self.responseType(call)
        let response = GatewayResponse(
            responseType: type, statusCode: try input.string("statusCode") ?? GatewayResponse.defaultResponse(type).statusCode,
            responseParameters: try input.stringMap("responseParameters") ?? [:],
            responseTemplates: try input.stringMap("responseTemplates") ?? [:], defaultResponse: false
        )
        try Self.validate(response)
        try changeApi(call) { state, _ in state.gatewayResponses[type] = response }
        return try APIGatewayResponse.json(response, status: 201)
    }

    static func validate(_ response: GatewayResponse) throws(APIGatewayError) {
        if let status = response.statusCode, !(status.count == 3 && status.allSatisfy(\.isNumber)) {
            throw .badRequest("Invalid status code: \(status)")
        }
        for name in (response.responseParameters ?? [:]).keys where !name.hasPrefix("gatewayresponse.header.") {
            throw .badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(name)]")
        }
    }

    @Sendable func getGatewayResponses(_ call: APIGatewayCall) async throws -> Response {
        let responses = GatewayResponse.effective(Array(try apiState(call).gatewayResponses.values))
        return try APIGatewayResponse.list(responses.map { (key: $0.responseType, value: $0) }, call: call)
    }

    @Sendable func getGatewayResponse(_ call: APIGatewayCall) async throws -> Response {
        let type = try Self.responseType(call)
        return try APIGatewayResponse.json(try apiState(call).gatewayResponses[type] ?? GatewayResponse.defaultResponse(type))
    }

    @Sendable func deleteGatewayResponse(_ call: APIGatewayCall) async throws -> Response {
        let type = try Self.responseType(call)
        try changeApi(call) { state, _ in
            guard state.gatewayResponses.removeValue(forKey: type) != nil else {
                throw APIGatewayError.notFound("Gateway response type not defined on api")
            }
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// UpdateGatewayResponse: `/statusCode`, `/responseParameters/{name}`, `/responseTemplates/{contentType}`.
    @Sendable func updateGatewayResponse(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let type = try Self.responseType(call)
        let response = try changeApi(call) { state, _ in
            var response = state.gatewayResponses[type] ?? GatewayResponse.defaultResponse(type)
            response.defaultResponse = false
            for operation in operations {
                let path = operation.segments
                switch (path.first, path.count) {
                case ("statusCode", 1): try operation.apply(to: &response.statusCode)
                case ("responseParameters", 2): try operation.apply(entry: path[1], to: &response.responseParameters)
                case ("responseTemplates", 2): try operation.apply(entry: path[1], to: &response.responseTemplates)
                default: throw operation.unsupported()
                }
            }
            try Self.validate(response)
            state.gatewayResponses[type] = response
            return response
        }
        return try APIGatewayResponse.json(response)
    }
}
