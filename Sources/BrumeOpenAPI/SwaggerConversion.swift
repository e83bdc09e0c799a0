public import BrumeWire

/// Rewrites a Swagger 2.0 document into the OpenAPI 3.0 form it stands for, keeping every
/// `x-amazon-apigateway-*` extension where it was: `definitions` become `components.schemas`,
/// `securityDefinitions` `components.securitySchemes`, body parameters a `requestBody`, other
/// parameters and response headers get a `schema`, responses' `schema` a JSON content.
public enum SwaggerConversion {
    static let operationKeys: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch"]
    /// API Gateway's ANY method, an operation under an extension of the path item.
    public static let anyMethodExtension = "x-amazon-apigateway-any-method"

    /// The OpenAPI 3.0 form of a Swagger 2.0 document.
    public static func openAPI30(from swagger: JSONObject) -> JSONValue {
        var document = JSONObject()
        document["openapi"] = "3.0.1"
        var info = swagger["info"]?.objectValue ?? JSONObject()
        if info["title"] == nil { info["title"] = "" }
        if info["version"] == nil { info["version"] = "" }
        document["info"] = .object(info)
        let consumes = swagger["consumes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let produces = swagger["produces"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var paths = JSONObject()
        for (path, item) in swagger["paths"]?.objectValue ?? JSONObject() {
            guard let item = item.objectValue else { continue }
            var converted = JSONObject()
            for (key, value) in item {
                if operationKeys.contains(key) || key == anyMethodExtension, let operation = value.objectValue {
                    converted[key] = .object(convert(operation: operation, consumes: consumes, produces: produces))
                } else if key == "parameters", let parameters = value.arrayValue {
                    converted[key] = .array(parameters.compactMap { $0.objectValue.map { convert(parameter: $0) } }.filter { $0 != .null })
                } else {
                    converted[key] = value
                }
            }
            paths[path] = .object(converted)
        }
        document["paths"] = .object(paths)
        var components = JSONObject()
        if let definitions = swagger["definitions"] { components["schemas"] = rewriteReferences(definitions) }
        if let schemes = swagger["securityDefinitions"]?.objectValue {
            var converted = JSONObject()
            for (name, scheme) in schemes {
                guard var scheme = scheme.objectValue else { continue }
                switch scheme["type"]?.stringValue {
                case "basic": scheme["type"] = "http"; scheme["scheme"] = "basic"
                case "oauth2": continue
                default: break
                }
                converted[name] = .object(scheme)
            }
            components["securitySchemes"] = .object(converted)
        }
        document["components"] = .object(components)
        for (key, value) in swagger where key == "security" || key == "tags" || key.hasPrefix("x-") {
            document[key] = value
        }
        return .object(document)
    }

    static func convert(operation: JSONObject, consumes: [String], produces: [String]) -> JSONObject {
        var converted = JSONObject()
        let consumes = operation["consumes"]?.arrayValue?.compactMap(\.stringValue) ?? consumes
        let produces = operation["produces"]?.arrayValue?.compactMap(\.stringValue) ?? produces
        for (key, value) in operation {
            switch key {
            case "parameters":
                var parameters: [JSONValue] = []
                for parameter in value.arrayValue ?? [] {
                    guard let parameter = parameter.objectValue else { continue }
                    if parameter["in"]?.stringValue == "body" {
                        let schema = rewriteReferences(parameter["schema"] ?? .object(JSONObject()))
                        var content = JSONObject()
                        for type in consumes.isEmpty ? ["application/json"] : consumes { content[type] = .object(JSONObject([("schema", schema)])) }
                        converted["requestBody"] = .object(JSONObject([("content", .object(content)), ("required", parameter["required"] ?? false)]))
                    } else if parameter["in"]?.stringValue != "formData" {
                        parameters.append(convert(parameter: parameter))
                    }
                }
                converted["parameters"] = .array(parameters)
            case "responses":
                var responses = JSONObject()
                for (status, response) in value.objectValue ?? JSONObject() {
                    guard var response = response.objectValue else { continue }
                    if response["description"] == nil { response["description"] = "" }
                    if let schema = response["schema"] {
                        response["schema"] = nil
                        var content = JSONObject()
                        for type in produces.isEmpty ? ["application/json"] : produces {
                            content[type] = .object(JSONObject([("schema", rewriteReferences(schema))]))
                        }
                        response["content"] = .object(content)
                    }
                    if let headers = response["headers"]?.objectValue {
                        var converted = JSONObject()
                        for (name, header) in headers {
                            var header = header.objectValue ?? JSONObject()
                            let type = header["type"] ?? "string"
                            header["type"] = nil
                            header["schema"] = .object(JSONObject([("type", type)]))
                            converted[name] = .object(header)
                        }
                        response["headers"] = .object(converted)
                    }
                    responses[status] = .object(response)
                }
                converted["responses"] = .object(responses)
            case "consumes", "produces", "schemes":
                continue
            default:
                converted[key] = value
            }
        }
        if converted["responses"] == nil { converted["responses"] = .object(JSONObject()) }
        return converted
    }

    /// A non-body parameter: its type moves into a `schema`.
    static func convert(parameter: JSONObject) -> JSONValue {
        if parameter["$ref"] != nil { return rewriteReferences(.object(parameter)) }
        var converted = JSONObject()
        var schema = JSONObject()
        for (key, value) in parameter {
            switch key {
            case "name", "in", "required", "description", "deprecated", "allowEmptyValue": converted[key] = value
            case "type", "format", "items", "enum", "default", "minimum", "maximum", "pattern": schema[key] = value
            default: if key.hasPrefix("x-") { converted[key] = value }
            }
        }
        if schema["type"] == nil { schema["type"] = "string" }
        converted["schema"] = .object(schema)
        return .object(converted)
    }

    /// `#/definitions/X` → `#/components/schemas/X`, everywhere in `value`.
    static func rewriteReferences(_ value: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < JSONValue.maximumDepth else { return value }
        switch value {
        case .object(let object):
            var converted = JSONObject()
            for (key, member) in object {
                if key == "$ref", let reference = member.stringValue, reference.hasPrefix("#/definitions/") {
                    converted[key] = .string("#/components/schemas/" + reference.dropFirst("#/definitions/".count))
                } else {
                    converted[key] = rewriteReferences(member, depth: depth + 1)
                }
            }
            return .object(converted)
        case .array(let items):
            return .array(items.map { rewriteReferences($0, depth: depth + 1) })
        default:
            return value
        }
    }
}
