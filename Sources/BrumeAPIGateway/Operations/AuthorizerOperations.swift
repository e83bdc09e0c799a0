import Hummingbird

/// CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer, DeleteAuthorizer (Lambda TOKEN and
/// REQUEST authorizers; Cognito's are refused until Cognito exists).
extension APIGatewayService {
    static let authorizerTypes = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]

    @Sendable func createAuthorizer(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let authorizer = Authorizer(
            id: Identifiers.short(), name: try input.requiredString("name"), type: try input.requiredString("type"),
            providerARNs: try input.stringList("providerARNs"), authType: try input.string("authType"),
            authorizerUri: try input.string("authorizerUri"), authorizerCredentials: try input.string("authorizerCredentials"),
            identitySource: try input.string("identitySource"), identityValidationExpression: try input.string("identityValidationExpression"),
            authorizerResultTtlInSeconds: try input.int("authorizerResultTtlInSeconds") ?? 300
        )
        try Self.validate(authorizer)
        try changeApi(call) { state, _ in
            if state.authorizers.values.contains(where: { $0.name == authorizer.name }) {
                throw APIGatewayError.conflict("Authorizer name already exists for this REST API")
            }
            state.authorizers[authorizer.id] = authorizer
        }
        return try APIGatewayResponse.json(authorizer, status: 201)
    }

    static func validate(_ authorizer: Authorizer) throws(APIGatewayError) {
        guard authorizerTypes.contains(authorizer.type) else {
            throw .badRequest(
                "1 validation error detected: Value '\(authorizer.type)' at 'createAuthorizerInput.type' failed to satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]"
            )
        }
        if authorizer.type == "COGNITO_USER_POOLS" {
            throw .badRequest("Authorizers of type COGNITO_USER_POOLS are not supported by Brume: it has no Cognito user pools yet. Use a TOKEN or REQUEST (Lambda) authorizer.")
        }
        guard let uri = authorizer.authorizerUri, uri.hasPrefix("arn:"), uri.contains(":lambda:path/") else {
            throw .badRequest("Invalid Authorizer URI specified: \(authorizer.authorizerUri ?? "null"). It must be a Lambda function invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations)")
        }
        let ttl = authorizer.authorizerResultTtlInSeconds ?? 300
        guard (0...3600).contains(ttl) else { throw .badRequest("Authorizer result TTL must be between 0 and 3600 seconds") }
        let sources = (authorizer.identitySource ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if authorizer.type == "TOKEN" {
            guard sources.count == 1, sources[0].hasPrefix("method.request.header."), sources[0].count > "method.request.header.".count else {
                throw .badRequest("Invalid identity source specified: \(authorizer.identitySource ?? "null"). A TOKEN authorizer takes one method.request.header.{name}")
            }
        } else {
            if ttl > 0, sources.isEmpty {
                throw .badRequest("Identity source must be specified for a REQUEST authorizer when caching is enabled")
            }
            let prefixes = ["method.request.header.", "method.request.querystring.", "method.request.multivalueheader.",
                            "method.request.multivaluequerystring.", "stageVariables.", "context."]
            for source in sources where !prefixes.contains(where: { source.hasPrefix($0) && source.count > $0.count }) {
                throw .badRequest("Invalid identity source specified: \(source)")
            }
        }
        if let expression = authorizer.identityValidationExpression, (try? Regex(expression)) == nil {
            throw .badRequest("Invalid identity validation expression specified: \(expression)")
        }
    }

    static func authorizer(_ state: ApiState, _ id: String) throws(APIGatewayError) -> Authorizer {
        guard let authorizer = state.authorizers[id] else { throw .notFound("Invalid Authorizer identifier specified") }
        return authorizer
    }

    @Sendable func getAuthorizers(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.list(try apiState(call).authorizers.values.map { (key: $0.id, value: $0) }, call: call)
    }

    @Sendable func getAuthorizer(_ call: APIGatewayCall) async throws -> Response {
        try APIGatewayResponse.json(try Self.authorizer(try apiState(call), call.parameter("authorizer_id")))
    }

    @Sendable func deleteAuthorizer(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("authorizer_id")
        try changeApi(call) { state, _ in
            _ = try Self.authorizer(state, id)
            if let (resource, method) = state.firstMethod(where: { $0.authorizerId == id }) {
                throw APIGatewayError.conflict("Cannot delete authorizer '\(id)', is referenced in method: \(method.httpMethod):\(resource.path)")
            }
            state.authorizers[id] = nil
        }
        return APIGatewayResponse.empty(status: 202)
    }

    @Sendable func updateAuthorizer(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("authorizer_id")
        let authorizer = try changeApi(call) { state, _ in
            var authorizer = try Self.authorizer(state, id)
            for operation in operations {
                switch operation.segments {
                case ["name"]:
                    guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                    authorizer.name = try operation.requiredValue()
                case ["type"]:
                    guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                    authorizer.type = try operation.requiredValue()
                case ["authorizerUri"]: try operation.apply(to: &authorizer.authorizerUri)
                case ["authorizerCredentials"]: try operation.apply(to: &authorizer.authorizerCredentials)
                case ["identitySource"]: try operation.apply(to: &authorizer.identitySource)
                case ["identityValidationExpression"]: try operation.apply(to: &authorizer.identityValidationExpression)
                case ["authType"]: try operation.apply(to: &authorizer.authType)
                case ["authorizerResultTtlInSeconds"]:
                    guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                    authorizer.authorizerResultTtlInSeconds = try operation.intValue()
                default: throw operation.unsupported()
                }
            }
            try Self.validate(authorizer)
            state.authorizers[id] = authorizer
            return authorizer
        }
        return try APIGatewayResponse.json(authorizer)
    }
}

extension ApiState {
    /// The first method (by path) that satisfies `predicate`, with its resource.
    func firstMethod(where predicate: (ApiMethod) -> Bool) -> (ApiResource, ApiMethod)? {
        for resource in resources.values.sorted(by: { $0.path < $1.path }) {
            for (_, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key }) where predicate(method) {
                return (resource, method)
            }
        }
        return nil
    }
}
