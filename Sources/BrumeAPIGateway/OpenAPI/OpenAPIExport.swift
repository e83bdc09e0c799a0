import BrumeWire

/// GetExport's document: a deployment snapshot written back as OpenAPI 3.0.1 (`oas30`) or
/// Swagger 2.0 (`swagger`), with `x-amazon-apigateway-integration` and the other extensions
/// when asked (`extensions=integrations` or `apigateway`; `authorizers` adds only authorizers).
/// Importing the export gives back the same API.
struct OpenAPIExport {
    enum Format: String { case oas30, swagger }

    var format: Format
    var integrations: Bool
    var authorizers: Bool

    init(format: Format, extensions: Set<String>) {
        self.format = format
        integrations = extensions.contains("integrations") || extensions.contains("apigateway")
        authorizers = integrations || extensions.contains("authorizers")
    }

    func document(_ snapshot: DeploymentSnapshot, stage: Stage, host: String) -> JSONValue {
        var document = JSONObject()
        var info = JSONObject()
        info["title"] = .string(snapshot.api.name)
        if let description = snapshot.api.description { info["description"] = .string(description) }
        info["version"] = .string(snapshot.api.version ?? "\(snapshot.api.createdDate)")
        switch format {
        case .oas30:
            document["openapi"] = "3.0.1"
            document["info"] = .object(info)
            document["servers"] = .array([.object(JSONObject([("url", .string("http://\(host)/\(stage.stageName)"))]))])
        case .swagger:
            document["swagger"] = "2.0"
            document["info"] = .object(info)
            document["host"] = .string(host)
            document["basePath"] = .string("/\(stage.stageName)")
            document["schemes"] = .array(["http"])
        }
        var paths = JSONObject()
        for resource in snapshot.resources.sorted(by: { $0.path < $1.path }) {
            guard let methods = resource.resourceMethods, !methods.isEmpty else { continue }
            var item = JSONObject()
            for (name, method) in methods.sorted(by: { $0.key < $1.key }) {
                let key = name == "ANY" ? OpenAPIImport.anyMethodExtension : name.lowercased()
                item[key] = .object(operation(method, snapshot: snapshot))
            }
            paths[resource.path] = .object(item)
        }
        document["paths"] = .object(paths)
        var schemas = JSONObject()
        for model in snapshot.models {
            schemas[model.name] = model.schema.flatMap { try? JSONValue.parse(Array($0.utf8)) }.map(referencesForFormat) ?? .object(JSONObject())
        }
        var schemes = JSONObject()
        let usesKeys = snapshot.resources.contains { ($0.resourceMethods ?? [:]).values.contains { $0.apiKeyRequired == true } }
        if usesKeys {
            schemes["api_key"] = .object(JSONObject([("type", "apiKey"), ("name", "x-api-key"), ("in", "header")]))
        }
        if authorizers {
            for authorizer in snapshot.authorizers {
                var scheme = JSONObject([("type", "apiKey"), ("in", "header")])
                let header = authorizer.identitySource.flatMap { $0.hasPrefix("method.request.header.") ? String($0.dropFirst("method.request.header.".count)) : nil }
                scheme["name"] = .string(header ?? "Unused")
                scheme["x-amazon-apigateway-authtype"] = "custom"
                var body = JSONObject([("type", .string(authorizer.type.lowercased()))])
                if let uri = authorizer.authorizerUri { body["authorizerUri"] = .string(uri) }
                if let credentials = authorizer.authorizerCredentials { body["authorizerCredentials"] = .string(credentials) }
                if let source = authorizer.identitySource { body["identitySource"] = .string(source) }
                if let expression = authorizer.identityValidationExpression { body["identityValidationExpression"] = .string(expression) }
                body["authorizerResultTtlInSeconds"] = .int(Int64(authorizer.authorizerResultTtlInSeconds ?? 300))
                scheme["x-amazon-apigateway-authorizer"] = .object(body)
                schemes[authorizer.name] = .object(scheme)
            }
        }
        switch format {
        case .oas30:
            var components = JSONObject()
            if !schemas.isEmpty { components["schemas"] = .object(schemas) }
            if !schemes.isEmpty { components["securitySchemes"] = .object(schemes) }
            document["components"] = .object(components)
        case .swagger:
            if !schemas.isEmpty { document["definitions"] = .object(schemas) }
            if !schemes.isEmpty { document["securityDefinitions"] = .object(schemes) }
        }
        if integrations {
            if let types = snapshot.api.binaryMediaTypes { document["x-amazon-apigateway-binary-media-types"] = .array(types.map(JSONValue.string)) }
            if snapshot.api.apiKeySource == "AUTHORIZER" { document["x-amazon-apigateway-api-key-source"] = "AUTHORIZER" }
            if !snapshot.requestValidators.isEmpty {
                var validators = JSONObject()
                for validator in snapshot.requestValidators {
                    validators[validator.name ?? validator.id] = .object(JSONObject([
                        ("validateRequestBody", .bool(validator.validateRequestBody)),
                        ("validateRequestParameters", .bool(validator.validateRequestParameters)),
                    ]))
                }
                document["x-amazon-apigateway-request-validators"] = .object(validators)
            }
            if !snapshot.gatewayResponses.isEmpty {
                var responses = JSONObject()
                for response in snapshot.gatewayResponses {
                    var body = JSONObject()
                    if let status = response.statusCode { body["statusCode"] = .string(status) }
                    if let parameters = response.responseParameters, !parameters.isEmpty { body["responseParameters"] = JSONValue.strings(parameters) }
                    if let templates = response.responseTemplates, !templates.isEmpty { body["responseTemplates"] = JSONValue.strings(templates) }
                    responses[response.responseType] = .object(body)
                }
                document["x-amazon-apigateway-gateway-responses"] = .object(responses)
            }
        }
        return .object(document)
    }

    func operation(_ method: ApiMethod, snapshot: DeploymentSnapshot) -> JSONObject {
        var operation = JSONObject()
        if let name = method.operationName { operation["operationId"] = .string(name) }
        var parameters: [JSONValue] = []
        for (name, required) in (method.requestParameters ?? [:]).sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: ".", maxSplits: 3).map(String.init)
            guard parts.count == 4 else { continue }
            let location = switch parts[2] { case "querystring", "multivaluequerystring": "query"; case "path": "path"; default: "header" }
            var parameter = JSONObject([("name", .string(parts[3])), ("in", .string(location)), ("required", .bool(location == "path" || required))])
            switch format {
            case .oas30: parameter["schema"] = .object(JSONObject([("type", "string")]))
            case .swagger: parameter["type"] = "string"
            }
            parameters.append(.object(parameter))
        }
        if let model = method.requestModels?.sorted(by: { $0.key < $1.key }).first {
            let reference = JSONValue.object(JSONObject([("$ref", .string(referencePrefix + model.value))]))
            switch format {
            case .oas30:
                operation["requestBody"] = .object(JSONObject([("content", .object(JSONObject([(model.key, .object(JSONObject([("schema", reference)])))]))), ("required", true)]))
            case .swagger:
                parameters.append(.object(JSONObject([("in", "body"), ("name", .string(model.value)), ("required", true), ("schema", reference)])))
            }
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        var responses = JSONObject()
        for (status, response) in (method.methodResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var body = JSONObject([("description", .string("\(status) response"))])
            var headers = JSONObject()
            for name in (response.responseParameters ?? [:]).keys.sorted() where name.hasPrefix("method.response.header.") {
                let header = String(name.dropFirst("method.response.header.".count))
                headers[header] = format == .oas30 ? .object(JSONObject([("schema", .object(JSONObject([("type", "string")])))])) : .object(JSONObject([("type", "string")]))
            }
            if !headers.isEmpty { body["headers"] = .object(headers) }
            if let model = response.responseModels?.sorted(by: { $0.key < $1.key }).first {
                let reference = JSONValue.object(JSONObject([("$ref", .string(referencePrefix + model.value))]))
                switch format {
                case .oas30: body["content"] = .object(JSONObject([(model.key, .object(JSONObject([("schema", reference)])))]))
                case .swagger: body["schema"] = reference
                }
            }
            responses[status] = .object(body)
        }
        operation["responses"] = .object(responses)
        var security: [JSONValue] = []
        if method.apiKeyRequired == true { security.append(.object(JSONObject([("api_key", .array([]))]))) }
        if authorizers, method.authorizationType == "CUSTOM", let id = method.authorizerId,
           let authorizer = snapshot.authorizers.first(where: { $0.id == id }) {
            security.append(.object(JSONObject([(authorizer.name, .array((method.authorizationScopes ?? []).map(JSONValue.string)))])))
        }
        if !security.isEmpty { operation["security"] = .array(security) }
        if integrations {
            if let id = method.requestValidatorId, let validator = snapshot.requestValidators.first(where: { $0.id == id }) {
                operation["x-amazon-apigateway-request-validator"] = .string(validator.name ?? validator.id)
            }
            if let integration = method.methodIntegration { operation["x-amazon-apigateway-integration"] = .object(Self.extensionObject(integration)) }
        }
        return operation
    }

    var referencePrefix: String { format == .oas30 ? "#/components/schemas/" : "#/definitions/" }

    /// A model's `$ref`s point where this format keeps schemas.
    func referencesForFormat(_ schema: JSONValue) -> JSONValue {
        format == .oas30 ? schema : Self.rewrite(schema, from: "#/components/schemas/", to: "#/definitions/", depth: 0)
    }

    static func rewrite(_ value: JSONValue, from: String, to: String, depth: Int) -> JSONValue {
        guard depth < JSONValue.maximumDepth else { return value }
        switch value {
        case .object(let object):
            var converted = JSONObject()
            for (key, member) in object {
                if key == "$ref", let reference = member.stringValue, reference.hasPrefix(from) {
                    converted[key] = .string(to + reference.dropFirst(from.count))
                } else {
                    converted[key] = rewrite(member, from: from, to: to, depth: depth + 1)
                }
            }
            return .object(converted)
        case .array(let items): return .array(items.map { rewrite($0, from: from, to: to, depth: depth + 1) })
        default: return value
        }
    }

    /// `x-amazon-apigateway-integration` as AWS exports it: lower-case type, responses keyed by
    /// selection pattern (`default` for the default response).
    static func extensionObject(_ integration: Integration) -> JSONObject {
        var object = JSONObject([("type", .string(integration.type.lowercased()))])
        if let method = integration.httpMethod { object["httpMethod"] = .string(method) }
        if let uri = integration.uri { object["uri"] = .string(uri) }
        if let credentials = integration.credentials { object["credentials"] = .string(credentials) }
        if let parameters = integration.requestParameters, !parameters.isEmpty { object["requestParameters"] = JSONValue.strings(parameters) }
        if let templates = integration.requestTemplates, !templates.isEmpty { object["requestTemplates"] = JSONValue.strings(templates) }
        if let behavior = integration.passthroughBehavior { object["passthroughBehavior"] = .string(behavior.lowercased()) }
        if let handling = integration.contentHandling { object["contentHandling"] = .string(handling) }
        if let timeout = integration.timeoutInMillis { object["timeoutInMillis"] = .int(Int64(timeout)) }
        var responses = JSONObject()
        for (status, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var body = JSONObject([("statusCode", .string(status))])
            if let parameters = response.responseParameters, !parameters.isEmpty { body["responseParameters"] = JSONValue.strings(parameters) }
            if let templates = response.responseTemplates, !templates.isEmpty { body["responseTemplates"] = JSONValue.strings(templates) }
            if let handling = response.contentHandling { body["contentHandling"] = .string(handling) }
            responses[response.selectionPattern ?? "default"] = .object(body)
        }
        if !responses.isEmpty { object["responses"] = .object(responses) }
        return object
    }
}
