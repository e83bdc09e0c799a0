import BrumeWire
import Hummingbird

/// CreateModel, GetModel(s), UpdateModel, DeleteModel: named JSON Schemas.
extension APIGatewayService {
    /// The two models AWS creates with every API.
    static func defaultModels() -> [ApiModel] {
        [
            ApiModel(id: Identifiers.short(), name: "Empty", description: "This is a default empty schema model",
                     schema: "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
                     contentType: "application/json"),
            ApiModel(id: Identifiers.short(), name: "Error", description: "This is a default error schema model",
                     schema: "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}",
                     contentType: "application/json"),
        ]
    }

    @Sendable func createModel(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let model = ApiModel(
            id: Identifiers.short(), name: try input.requiredString("name"), description: try input.string("description"),
            schema: try input.string("schema"), contentType: try input.requiredString("contentType")
        )
        try Self.validate(model)
        try changeApi(call) { state, _ in
            if state.models[model.name] != nil { throw APIGatewayError.conflict("Model name already exists for this REST API") }
            state.models[model.name] = model
        }
        return try APIGatewayResponse.json(model, status: 201)
    }

    static func validate(_ model: ApiModel) throws(APIGatewayError) {
        guard !model.name.isEmpty, model.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .badRequest("Model name must be non-empty and alphanumeric")
        }
        if let schema = model.schema {
            guard let parsed = try? JSONValue.parse(Array(schema.utf8)), parsed.objectValue != nil else {
                throw .badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified. The schema must be a JSON object]")
            }
        }
    }

    static func model(_ state: ApiState, _ name: String) throws(APIGatewayError) -> ApiModel {
        guard let model = state.models[name] else { throw .notFound("Invalid model name specified: \(name)") }
        return model
    }

    @Sendable func getModels(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.list(try apiState(call).models.values.map { (key: $0.name, value: $0) }, call: call)
    }

    @Sendable func getModel(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try Self.model(try apiState(call), call.parameter("model_name")))
    }

    @Sendable func deleteModel(_ call: APIGatewayCall) async throws -> Response {
        let name = call.parameter("model_name")
        try changeApi(call) { state, _ in
            _ = try Self.model(state, name)
            if let (resource, method) = state.firstMethod(where: { ($0.requestModels ?? [:]).values.contains(name) }) {
                throw APIGatewayError.conflict("Cannot delete model '\(name)', is referenced in method request: \(resource.path)/\(method.httpMethod)")
            }
            state.models[name] = nil
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// UpdateModel: `/schema`, `/description`.
    @Sendable func updateModel(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let name = call.parameter("model_name")
        let model = try changeApi(call) { state, _ in
            var model = try Self.model(state, name)
            for operation in operations {
                switch operation.segments {
                case ["schema"]:
                    guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                    model.schema = try operation.requiredValue()
                case ["description"]: try operation.apply(to: &model.description)
                default: throw operation.unsupported()
                }
            }
            try Self.validate(model)
            state.models[name] = model
            return model
        }
        return try APIGatewayResponse.json(model)
    }
}
