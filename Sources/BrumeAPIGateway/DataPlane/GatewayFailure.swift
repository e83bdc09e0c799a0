/// One of API Gateway's own refusals or failures, named by its gateway response type, with the
/// status, message and `x-amzn-ErrorType` AWS answers it with by default. The API's gateway
/// responses (or DEFAULT_4XX/DEFAULT_5XX) may restyle it; see ``GatewayResponder``.
struct GatewayFailure: Error, Sendable, Equatable {
    /// The gateway response type (`THROTTLED`, `UNAUTHORIZED`...).
    var type: String
    var status: Int
    /// `$context.error.message`; nil renders as JSON `null` (a broken authorizer).
    var message: String?
    /// The `x-amzn-ErrorType` header.
    var errorType: String
    /// `$context.error.validationErrorString`, for request validation failures.
    var validationError: String?

    static let missingAuthenticationToken = GatewayFailure(
        type: "MISSING_AUTHENTICATION_TOKEN", status: 403, message: "Missing Authentication Token",
        errorType: "MissingAuthenticationTokenException"
    )
    static let invalidAPIKey = GatewayFailure(type: "INVALID_API_KEY", status: 403, message: "Forbidden", errorType: "ForbiddenException")
    static let throttled = GatewayFailure(type: "THROTTLED", status: 429, message: "Too Many Requests", errorType: "TooManyRequestsException")
    static let quotaExceeded = GatewayFailure(type: "QUOTA_EXCEEDED", status: 429, message: "Limit Exceeded", errorType: "LimitExceededException")
    static let unauthorized = GatewayFailure(type: "UNAUTHORIZED", status: 401, message: "Unauthorized", errorType: "UnauthorizedException")
    static let accessDenied = GatewayFailure(
        type: "ACCESS_DENIED", status: 403, message: "User is not authorized to access this resource", errorType: "AccessDeniedException"
    )
    static let explicitDeny = GatewayFailure(
        type: "ACCESS_DENIED", status: 403, message: "User is not authorized to access this resource with an explicit deny",
        errorType: "AccessDeniedException"
    )
    /// A Lambda authorizer that failed or answered something that is not a policy.
    static let authorizerFailure = GatewayFailure(
        type: "AUTHORIZER_FAILURE", status: 500, message: nil, errorType: "AuthorizerConfigurationException"
    )
    static let authorizerConfiguration = GatewayFailure(
        type: "AUTHORIZER_CONFIGURATION_ERROR", status: 500, message: nil, errorType: "AuthorizerConfigurationException"
    )
    /// A Lambda proxy answer API Gateway cannot read, or a backend that failed.
    static let malformedIntegrationResponse = GatewayFailure(
        type: "DEFAULT_5XX", status: 502, message: "Internal server error", errorType: "InternalServerErrorException"
    )
    /// A method whose configuration cannot run (no integration, an unreadable template).
    static let configuration = GatewayFailure(
        type: "API_CONFIGURATION_ERROR", status: 500, message: "Internal server error", errorType: "InternalServerErrorException"
    )
    static let integrationTimeout = GatewayFailure(
        type: "INTEGRATION_TIMEOUT", status: 504, message: "Endpoint request timed out", errorType: "InternalServerErrorException"
    )
    static let integrationFailure = GatewayFailure(
        type: "INTEGRATION_FAILURE", status: 504, message: "Internal server error", errorType: "InternalServerErrorException"
    )
    static let unsupportedMediaType = GatewayFailure(
        type: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "Unsupported Media Type", errorType: "UnsupportedMediaTypeException"
    )
    static let invalidBody = GatewayFailure(type: "BAD_REQUEST_BODY", status: 400, message: "Invalid request body", errorType: "BadRequestException")

    /// Required parameters missing, named as AWS lists them (`[q, X-Id]`).
    static func missingParameters(_ names: [String]) -> GatewayFailure {
        let list = "[\(names.joined(separator: ", "))]"
        return GatewayFailure(
            type: "BAD_REQUEST_PARAMETERS", status: 400, message: "Missing required request parameters: \(list)",
            errorType: "BadRequestException", validationError: "Missing required request parameters: \(list)"
        )
    }

    static func invalidBody(_ detail: String) -> GatewayFailure {
        GatewayFailure(
            type: "BAD_REQUEST_BODY", status: 400, message: "Invalid request body", errorType: "BadRequestException", validationError: detail
        )
    }
}
