import Hummingbird

/// CreateRequestValidator, GetRequestValidator(s), UpdateRequestValidator, DeleteRequestValidator.
extension APIGatewayService {
    @Sendable func createRequestValidator(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let validator = RequestValidator(
            id: Identifiers.short(), name: try input.string("name"),
            validateRequestBody: try input.bool("validateRequestBody") ?? false,
            validateRequestParameters: try input.bool("validateRequestParameters") ?? false
        )
        try changeApi(call) { state, _ in
            if let name = validator.name, state.requestValidators.values.contains(where: { $0.name == name }) {
                throw APIGatewayError.conflict("Validator name already exists for this REST API")
            }
            state.requestValidators[validator.id] = validator
        }
        return try APIGatewayResponse.json(validator, status: 201)
    }

    static func requestValidator(_ state: ApiState, _ id: String) throws(APIGatewayError) -> RequestValidator {
        guard let validator = state.requestValidators[id] else { throw .notFound("Invalid Request Validator identifier specified") }
        return validator
    }

    @Sendable func getRequestValidators(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.list(try apiState(call).requestValidators.values.map { (key: $0.id, value: $0) }, call: call)
    }

    @Sendable func getRequestValidator(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try Self.requestValidator(try apiState(call), call.parameter("requestvalidator_id")))
    }

    @Sendable func deleteRequestValidator(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("requestvalidator_id")
        try changeApi(call) { state, _ in
            _ = try Self.requestValidator(state, id)
            if let (resource, method) = state.firstMethod(where: { $0.requestValidatorId == id }) {
                throw APIGatewayError.conflict("Cannot delete request validator '\(id)', is referenced in method: \(method.httpMethod):\(resource.path)")
            }
            state.requestValidators[id] = nil
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// UpdateRequestValidator: `/name`, `/validateRequestBody`, `/validateRequestParameters`.
    @Sendable func updateRequestValidator(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("requestvalidator_id")
        let validator = try changeApi(call) { state, _ in
            var validator = try Self.requestValidator(state, id)
            for operation in operations {
                guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                switch operation.segments {
                case ["name"]: validator.name = try operation.requiredValue()
                case ["validateRequestBody"]: validator.validateRequestBody = try operation.boolValue()
                case ["validateRequestParameters"]: validator.validateRequestParameters = try operation.boolValue()
                default: throw operation.unsupported()
                }
            }
            state.requestValidators[id] = validator
            return validator
        }
        return try APIGatewayResponse.json(validator)
    }
}
