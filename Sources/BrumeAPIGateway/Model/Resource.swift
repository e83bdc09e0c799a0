/// A resource of a REST API: one path segment under its parent, with its methods.
struct ApiResource: Codable, Sendable, Equatable {
    var id: String
    /// Absent for the root resource (`/`).
    var parentId: String?
    /// The last segment: a literal, `{param}` or `{proxy+}`; absent for the root.
    var pathPart: String?
    /// The full path from the root (`/pets/{petId}`).
    var path: String
    /// HTTP method (`GET`, `ANY`...) → method.
    var resourceMethods: [String: ApiMethod]?
}

/// A method of a resource (`Method` in the model), with its integration and responses.
struct ApiMethod: Codable, Sendable, Equatable {
    var httpMethod: String
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `COGNITO_USER_POOLS`.
    var authorizationType: String
    var authorizerId: String?
    var apiKeyRequired: Bool?
    var requestValidatorId: String?
    var operationName: String?
    /// `method.request.{querystring|path|header}.{name}` → required.
    var requestParameters: [String: Bool]?
    /// content type → model name.
    var requestModels: [String: String]?
    /// status code → method response.
    var methodResponses: [String: MethodResponse]?
    var methodIntegration: Integration?
    var authorizationScopes: [String]?
}

/// One declared response status of a method.
struct MethodResponse: Codable, Sendable, Equatable {
    var statusCode: String
    /// `method.response.header.{name}` → required.
    var responseParameters: [String: Bool]?
    /// content type → model name.
    var responseModels: [String: String]?
}
