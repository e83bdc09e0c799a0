/// A Lambda (TOKEN or REQUEST) authorizer; COGNITO_USER_POOLS is refused at creation.
struct Authorizer: Codable, Sendable, Equatable {
    var id: String
    var name: String
    /// `TOKEN`, `REQUEST` or `COGNITO_USER_POOLS`.
    var type: String
    var providerARNs: [String]?
    var authType: String?
    /// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`.
    var authorizerUri: String?
    var authorizerCredentials: String?
    /// `method.request.header.Auth` (TOKEN) or a comma-separated list of sources (REQUEST).
    var identitySource: String?
    /// A regular expression the TOKEN must match before the function is called.
    var identityValidationExpression: String?
    /// 0 turns caching off; AWS's default is 300.
    var authorizerResultTtlInSeconds: Int?
}
