import BrumeOpenAPI
import BrumeWire
import Foundation
import OpenAPIKit30

/// What an OpenAPI document declares, in the control plane's model: the API's settings, its
/// resources and methods by path, and the authorizers, validators, models and gateway
/// responses its `x-amazon-apigateway-*` extensions and components name. Pure: the
/// operations decide how it lands on an API (import, merge, overwrite).
struct OpenAPIImport: Sendable {
    var name: String
    var description: String?
    var version: String?
    var apiKeySource: String?
    var binaryMediaTypes: [String]?
    /// path (`/pets/{id}`) → HTTP method → method (with its integration).
    var methods: [String: [String: ApiMethod]] = [:]
    var authorizers: [Authorizer] = []
    var requestValidators: [RequestValidator] = []
    var models: [ApiModel] = []
    var gatewayResponses: [GatewayResponse] = []
    /// What the document says that Brume skipped, as ImportRestApi's `warnings`.
    var warnings: [String] = []

    static let anyMethodExtension = SwaggerConversion.anyMethodExtension

    init(_ document: OpenAPI.Document) throws(APIGatewayError) {
        name = document.info.title
        description = document.info.description
        version = document.info.version.isEmpty ? nil : document.info.version
        let extensions = Self.json(document.vendorExtensions)
        apiKeySource = extensions["x-amazon-apigateway-api-key-source"]?.stringValue
        binaryMediaTypes = extensions["x-amazon-apigateway-binary-media-types"]?.arrayValue?.compactMap(\.stringValue)

        for (name, schema) in document.components.schemas {
            let text = String(decoding: (try? JSONEncoder().encode(schema)) ?? Data("{}".utf8), as: UTF8.self)
            models.append(ApiModel(id: Identifiers.short(), name: name.rawValue, schema: text, contentType: "application/json"))
        }
        for (name, value) in extensions["x-amazon-apigateway-request-validators"]?.objectValue ?? JSONObject() {
            requestValidators.append(RequestValidator(
                id: Identifiers.short(), name: name, validateRequestBody: value["validateRequestBody"]?.boolValue ?? false,
                validateRequestParameters: value["validateRequestParameters"]?.boolValue ?? false
            ))
        }
        for (type, value) in extensions["x-amazon-apigateway-gateway-responses"]?.objectValue ?? JSONObject() {
            guard GatewayResponse.responseTypes.contains(type) else {
                warnings.append("Unknown gateway response type \(type) ignored")
                continue
            }
            gatewayResponses.append(GatewayResponse(
                responseType: type, statusCode: Self.statusText(value["statusCode"]) ?? GatewayResponse.defaultResponse(type).statusCode,
                responseParameters: Self.strings(value["responseParameters"]), responseTemplates: Self.strings(value["responseTemplates"]),
                defaultResponse: false
            ))
        }
        // Security schemes: Lambda authorizers by x-amazon-apigateway-authorizer, API keys by an
        // apiKey scheme in the x-api-key header.
        var authorizerIDs: [String: String] = [:]
        var apiKeySchemes: Set<String> = []
        for (name, scheme) in document.components.securitySchemes {
            let schemeExtensions = Self.json(scheme.vendorExtensions)
            if let authorizer = schemeExtensions["x-amazon-apigateway-authorizer"]?.objectValue {
                let type = (authorizer["type"]?.stringValue ?? "token").uppercased()
                var identitySource = authorizer["identitySource"]?.stringValue
                if type == "TOKEN", identitySource == nil, case .apiKey(let header, .header) = scheme.type {
                    identitySource = "method.request.header.\(header)"
                }
                let created = Authorizer(
                    id: Identifiers.short(), name: name.rawValue, type: type == "COGNITO_USER_POOLS" ? type : type,
                    providerARNs: authorizer["providerARNs"]?.arrayValue?.compactMap(\.stringValue),
                    authType: schemeExtensions["x-amazon-apigateway-authtype"]?.stringValue,
                    authorizerUri: authorizer["authorizerUri"]?.stringValue, authorizerCredentials: authorizer["authorizerCredentials"]?.stringValue,
                    identitySource: identitySource, identityValidationExpression: authorizer["identityValidationExpression"]?.stringValue,
                    authorizerResultTtlInSeconds: authorizer["authorizerResultTtlInSeconds"]?.intValue.map(Int.init) ?? 300
                )
                try APIGatewayService.validate(created)
                authorizers.append(created)
                authorizerIDs[name.rawValue] = created.id
            } else if case .apiKey(let header, .header) = scheme.type, header.lowercased() == "x-api-key" {
                apiKeySchemes.insert(name.rawValue)
            } else if schemeExtensions["x-amazon-apigateway-authtype"]?.stringValue == "awsSigv4" {
                apiKeySchemes.insert("sigv4:" + name.rawValue)
            }
        }
        let validatorIDs = Dictionary(requestValidators.map { ($0.name ?? "", $0.id) }, uniquingKeysWith: { first, _ in first })
        let defaultValidator = extensions["x-amazon-apigateway-request-validator"]?.stringValue
        let context = MethodContext(
            document: document, authorizerIDs: authorizerIDs, apiKeySchemes: apiKeySchemes, validatorIDs: validatorIDs,
            defaultValidator: defaultValidator, documentSecurity: document.security
        )

        for (path, item) in document.paths {
            guard let item = document.components[item] else {
                warnings.append("Path \(path.rawValue): external path item references are not followed")
                continue
            }
            let rawPath = "/" + path.components.joined(separator: "/")
            for segment in path.components where !ResourcePath.isValidPathPart(segment) {
                throw .badRequest("Invalid OpenAPI input: Resource name \(segment) of path \(rawPath) is invalid")
            }
            var methods: [String: ApiMethod] = [:]
            for endpoint in item.endpoints {
                let method = endpoint.method.rawValue.uppercased()
                guard APIGatewayService.httpMethods.contains(method) else {
                    warnings.append("Method \(method) on \(rawPath) is not one API Gateway serves; ignored")
                    continue
                }
                methods[method] = try context.method(method, endpoint.operation, pathItem: item, warnings: &warnings)
            }
            if let any = Self.json(item.vendorExtensions)[Self.anyMethodExtension]?.objectValue {
                methods["ANY"] = try context.anyMethod(any, pathItem: item, warnings: &warnings)
            }
            methods.merge(self.methods[rawPath] ?? [:]) { new, _ in new }
            self.methods[rawPath] = methods
        }
    }

    /// Builds methods with the document's shared lookups.
    struct MethodContext {
        let document: OpenAPI.Document
        let authorizerIDs: [String: String]
        let apiKeySchemes: Set<String>
        let validatorIDs: [String: String]
        let defaultValidator: String?
        let documentSecurity: [OpenAPI.SecurityRequirement]

        func method(_ httpMethod: String, _ operation: OpenAPI.Operation, pathItem: OpenAPI.PathItem, warnings: inout [String]) throws(APIGatewayError) -> ApiMethod {
            let extensions = OpenAPIImport.json(operation.vendorExtensions)
            var method = ApiMethod(httpMethod: httpMethod, authorizationType: "NONE", apiKeyRequired: false, operationName: operation.operationId)
            // Parameters of the path item, then the operation's own.
            var parameters: [String: Bool] = [:]
            for parameter in pathItem.parameters + operation.parameters {
                guard let parameter = document.components[parameter] else { continue }
                let location: String
                switch parameter.location {
                case .path: location = "path"
                case .query: location = "querystring"
                case .header: location = "header"
                case .cookie: continue
                }
                parameters["method.request.\(location).\(parameter.name)"] = parameter.required
            }
            method.requestParameters = parameters.isEmpty ? nil : parameters
            if let body = operation.requestBody.flatMap({ document.components[$0] }) {
                var models: [String: String] = [:]
                for (contentType, content) in body.content {
                    if case .a(let reference) = content.schema, let name = reference.name { models[contentType.rawValue] = name }
                }
                method.requestModels = models.isEmpty ? nil : models
            }
            var responses: [String: MethodResponse] = [:]
            for (status, response) in operation.responses {
                guard let code = status.rawValue.count == 3 ? status.rawValue : nil, let response = document.components[response] else { continue }
                var headers: [String: Bool] = [:]
                for (name, header) in response.headers ?? [:] {
                    headers["method.response.header.\(name)"] = document.components[header]?.required ?? false
                }
                var models: [String: String] = [:]
                for (contentType, content) in response.content {
                    if case .a(let reference) = content.schema, let name = reference.name { models[contentType.rawValue] = name }
                }
                responses[code] = MethodResponse(statusCode: code, responseParameters: headers.isEmpty ? nil : headers,
                                                 responseModels: models.isEmpty ? nil : models)
            }
            method.methodResponses = responses.isEmpty ? nil : responses
            try applySecurity(operation.security ?? documentSecurity, to: &method)
            try applyValidator(extensions["x-amazon-apigateway-request-validator"]?.stringValue ?? defaultValidator, to: &method)
            if let integration = extensions["x-amazon-apigateway-integration"]?.objectValue {
                method.methodIntegration = try OpenAPIImport.integration(integration)
            } else {
                warnings.append("No integration defined for method \(httpMethod) on \(operation.operationId ?? "an operation")")
            }
            return method
        }

        /// `x-amazon-apigateway-any-method`: an operation object under an extension, read from its JSON.
        func anyMethod(_ any: JSONObject, pathItem: OpenAPI.PathItem, warnings: inout [String]) throws(APIGatewayError) -> ApiMethod {
            var object = any
            if object["responses"] == nil { object["responses"] = .object(JSONObject()) }
            // Decoded inside a whole document: OpenAPIKit builds its decoding errors from the
            // coding path a document gives (an operation decoded alone traps on a bad member),
            // and the document carries the components the operation's references name.
            var wrapper = JSONObject()
            wrapper["openapi"] = "3.0.1"
            wrapper["info"] = .object(JSONObject([("title", ""), ("version", "")]))
            wrapper["paths"] = .object(JSONObject([("/any", .object(JSONObject([("post", .object(object))])))]))
            let operation: OpenAPI.Operation
            do {
                let decoded = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(JSONValue.object(wrapper).serialized))
                guard let item = decoded.paths.first.flatMap({ decoded.components[$0.value] }), let post = item.post else {
                    throw APIGatewayError.badRequest(OpenAPIDocumentReader.invalid("\(OpenAPIImport.anyMethodExtension) is not an operation").message)
                }
                operation = post
            } catch let error as APIGatewayError {
                throw error
            } catch {
                throw .badRequest(OpenAPIDocumentReader.invalid("\(OpenAPIImport.anyMethodExtension): \(OpenAPIDocumentReader.describe(error))").message)
            }
            return try method("ANY", operation, pathItem: pathItem, warnings: &warnings)
        }

        func applySecurity(_ requirements: [OpenAPI.SecurityRequirement], to method: inout ApiMethod) throws(APIGatewayError) {
            for requirement in requirements {
                for (reference, scopes) in requirement {
                    guard let name = reference.name else { continue }
                    if let id = authorizerIDs[name] {
                        method.authorizationType = "CUSTOM"
                        method.authorizerId = id
                        if !scopes.isEmpty { method.authorizationScopes = scopes }
                    } else if apiKeySchemes.contains(name) {
                        method.apiKeyRequired = true
                    } else if apiKeySchemes.contains("sigv4:" + name) {
                        method.authorizationType = "AWS_IAM"
                    }
                }
            }
        }

        func applyValidator(_ name: String?, to method: inout ApiMethod) throws(APIGatewayError) {
            guard let name else { return }
            guard let id = validatorIDs[name] else {
                throw .badRequest("Invalid OpenAPI input: request validator \(name) is not declared in x-amazon-apigateway-request-validators")
            }
            method.requestValidatorId = id
        }
    }

    /// `x-amazon-apigateway-integration`, with its lower-case type and `responses` keyed by
    /// selection pattern (`default` for the default response).
    static func integration(_ object: JSONObject) throws(APIGatewayError) -> Integration {
        var integration = Integration(
            type: (object["type"]?.stringValue ?? "").uppercased(), httpMethod: object["httpMethod"]?.stringValue?.uppercased(),
            uri: object["uri"]?.stringValue, connectionType: object["connectionType"]?.stringValue ?? "INTERNET",
            connectionId: object["connectionId"]?.stringValue, credentials: object["credentials"]?.stringValue,
            requestParameters: strings(object["requestParameters"]), requestTemplates: strings(object["requestTemplates"]),
            passthroughBehavior: (object["passthroughBehavior"]?.stringValue ?? "WHEN_NO_MATCH").uppercased(),
            contentHandling: object["contentHandling"]?.stringValue, timeoutInMillis: object["timeoutInMillis"]?.intValue.map(Int.init) ?? 29000,
            cacheNamespace: object["cacheNamespace"]?.stringValue,
            cacheKeyParameters: object["cacheKeyParameters"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            integrationResponses: nil
        )
        var responses: [String: IntegrationResponse] = [:]
        for (pattern, value) in object["responses"]?.objectValue ?? JSONObject() {
            guard let status = statusText(value["statusCode"]) else {
                throw .badRequest("Invalid OpenAPI input: integration response '\(pattern)' has no statusCode")
            }
            let response = IntegrationResponse(
                statusCode: status, selectionPattern: pattern == "default" ? nil : pattern,
                responseParameters: strings(value["responseParameters"]), responseTemplates: strings(value["responseTemplates"]),
                contentHandling: value["contentHandling"]?.stringValue
            )
            try APIGatewayService.validate(response)
            responses[status] = response
        }
        integration.integrationResponses = responses.isEmpty ? nil : responses
        do {
            try APIGatewayService.validate(integration)
        } catch {
            throw .badRequest("Invalid OpenAPI input: x-amazon-apigateway-integration: \(error.message)")
        }
        return integration
    }

    /// Vendor extensions as JSON.
    static func json(_ extensions: [String: AnyCodable]) -> JSONObject {
        guard !extensions.isEmpty, let data = try? JSONEncoder().encode(extensions),
              let value = try? JSONValue.parse(Array(data)) else { return JSONObject() }
        return value.objectValue ?? JSONObject()
    }

    static func strings(_ value: JSONValue?) -> [String: String]? {
        guard let object = value?.objectValue else { return nil }
        var strings: [String: String] = [:]
        for (key, member) in object { if let string = member.stringValue { strings[key] = string } }
        return strings
    }

    /// A status written as a string or a number.
    static func statusText(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }
}
