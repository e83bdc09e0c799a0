/// What a method calls (`Integration` in the model).
struct Integration: Codable, Sendable, Equatable {
    /// `AWS`, `AWS_PROXY`, `HTTP`, `HTTP_PROXY` or `MOCK`.
    var type: String
    /// The method of the backend call (the integration's own, not the client's).
    var httpMethod: String?
    /// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`,
    /// `arn:aws:apigateway:{region}:{service}:action/{Action}` or `:path/{path}`, or an HTTP URL.
    var uri: String?
    var connectionType: String?
    var connectionId: String?
    var credentials: String?
    /// `integration.request.{location}.{name}` → `method.request.…`, `stageVariables.…` or a `'literal'`.
    var requestParameters: [String: String]?
    /// content type → VTL template.
    var requestTemplates: [String: String]?
    /// `WHEN_NO_MATCH` (the default), `WHEN_NO_TEMPLATES` or `NEVER`.
    var passthroughBehavior: String?
    /// `CONVERT_TO_BINARY` or `CONVERT_TO_TEXT`.
    var contentHandling: String?
    /// 50 to 29,000; AWS's default is 29,000.
    var timeoutInMillis: Int?
    var cacheNamespace: String?
    var cacheKeyParameters: [String]?
    /// status code → integration response.
    var integrationResponses: [String: IntegrationResponse]?
    var tlsConfig: TlsConfig?

    struct TlsConfig: Codable, Sendable, Equatable {
        var insecureSkipVerification: Bool?
    }
}

/// How an integration's answer becomes a method response (`IntegrationResponse` in the model).
struct IntegrationResponse: Codable, Sendable, Equatable {
    var statusCode: String
    /// A regular expression over the Lambda `errorMessage` or the backend's status; absent for
    /// the default response.
    var selectionPattern: String?
    /// `method.response.header.{name}` → `integration.response.…` or a `'literal'`.
    var responseParameters: [String: String]?
    /// content type → VTL template.
    var responseTemplates: [String: String]?
    var contentHandling: String?
}
