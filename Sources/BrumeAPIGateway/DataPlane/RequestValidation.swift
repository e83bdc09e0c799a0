import BrumeWire
import BrumeGatewayRules

/// A method's request validator: required parameters (`method.request.{querystring|header|path}.*`
/// marked `true`) must be present and non-empty, and the body must satisfy the model named for
/// its content type (or `$default`), a JSON Schema draft 4 document that may `$ref` other models.
enum RequestValidation {
    static func check(_ method: ApiMethod, invocation: Invocation) throws(GatewayFailure) {
        guard let id = method.requestValidatorId,
              let validator = invocation.deployed.snapshot.requestValidators.first(where: { $0.id == id })
        else { return }
        if validator.validateRequestParameters {
            let missing = (method.requestParameters ?? [:]).filter(\.value).keys.sorted().filter { name in
                let value = ParameterMapping.value(of: name, invocation: invocation, integrationHeaders: [], integrationBody: nil)
                return value?.isEmpty ?? true
            }
            // AWS names them without their location: `[source, X-Id]`.
            if !missing.isEmpty { throw .missingParameters(missing.map { String($0.split(separator: ".", maxSplits: 3).last ?? Substring($0)) }) }
        }
        if validator.validateRequestBody, let models = method.requestModels, !models.isEmpty {
            let contentType = invocation.request.contentType ?? "application/json"
            guard let name = models[contentType] ?? models["$default"] else { return }
            // The built-in Empty model accepts anything.
            guard name != "Empty" else { return }
            let all = invocation.deployed.snapshot.models
            guard let model = all.first(where: { $0.name == name }), let source = model.schema,
                  let schema = try? JSONValue.parse(Array(source.utf8))
            else { return }
            let document: JSONValue
            do {
                document = try JSONValue.parse(invocation.request.body)
            } catch {
                throw .invalidBody("[Invalid JSON body]")
            }
            let resolver = JSONSchema.Resolver { reference in
                // `https://apigateway.amazonaws.com/restapis/{api}/models/{name}` or `#/definitions/...`.
                guard let last = reference.split(separator: "/").last,
                      let target = all.first(where: { $0.name == String(last) })?.schema
                else { return nil }
                return try? JSONValue.parse(Array(target.utf8))
            }
            let errors = JSONSchema.validate(document, against: schema, root: schema, resolver: resolver)
            if !errors.isEmpty { throw .invalidBody("[\(errors.joined(separator: ", "))]") }
        }
    }
}
