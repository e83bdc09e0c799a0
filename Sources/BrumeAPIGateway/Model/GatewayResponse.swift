/// A gateway response: what API Gateway answers for one of its own failures.
struct GatewayResponse: Codable, Sendable, Equatable {
    /// `DEFAULT_4XX`, `UNAUTHORIZED`, `THROTTLED`...
    var responseType: String
    var statusCode: String?
    /// `gatewayresponse.header.{name}` → `'literal'` or `method.request.…`.
    var responseParameters: [String: String]?
    /// content type → VTL template.
    var responseTemplates: [String: String]?
    /// True for AWS's default (not customized) responses.
    var defaultResponse: Bool
}

extension GatewayResponse {
    /// AWS's response types with their default statuses (nil: the status of the failure, for
    /// DEFAULT_4XX and DEFAULT_5XX).
    static let defaultStatuses: [(type: String, status: String?)] = [
        ("ACCESS_DENIED", "403"), ("API_CONFIGURATION_ERROR", "500"), ("AUTHORIZER_CONFIGURATION_ERROR", "500"),
        ("AUTHORIZER_FAILURE", "500"), ("BAD_REQUEST_PARAMETERS", "400"), ("BAD_REQUEST_BODY", "400"),
        ("DEFAULT_4XX", nil), ("DEFAULT_5XX", nil), ("EXPIRED_TOKEN", "403"), ("INTEGRATION_FAILURE", "504"),
        ("INTEGRATION_TIMEOUT", "504"), ("INVALID_API_KEY", "403"), ("INVALID_SIGNATURE", "403"),
        ("MISSING_AUTHENTICATION_TOKEN", "403"), ("QUOTA_EXCEEDED", "429"), ("REQUEST_TOO_LARGE", "413"),
        ("RESOURCE_NOT_FOUND", "404"), ("THROTTLED", "429"), ("UNAUTHORIZED", "401"),
        ("UNSUPPORTED_MEDIA_TYPE", "415"), ("WAF_FILTERED", "403"),
    ]

    static let responseTypes: Set<String> = Set(defaultStatuses.map(\.type))

    /// AWS's default response of a type: `{"message":$context.error.messageString}` for JSON.
    static func defaultResponse(_ type: String) -> GatewayResponse {
        GatewayResponse(
            responseType: type,
            statusCode: defaultStatuses.first { $0.type == type }?.status,
            responseParameters: [:],
            responseTemplates: ["application/json": "{\"message\":$context.error.messageString}"],
            defaultResponse: true
        )
    }

    /// Every response type: the API's customized ones, AWS's defaults for the rest.
    static func effective(_ customized: [GatewayResponse]) -> [GatewayResponse] {
        let byType = Dictionary(customized.map { ($0.responseType, $0) }, uniquingKeysWith: { _, last in last })
        return defaultStatuses.map { byType[$0.type] ?? defaultResponse($0.type) }
    }
}
