/// A deployment: an id, a description and the frozen copy of the API it was made from.
struct Deployment: Codable, Sendable, Equatable {
    var id: String
    var description: String?
    var createdDate: Int64
    /// path → method → summary (`apiSummary` in the model), filled for `embed=apisummary`.
    var apiSummary: [String: [String: MethodSnapshot]]?

    struct MethodSnapshot: Codable, Sendable, Equatable {
        var authorizationType: String?
        var apiKeyRequired: Bool?
    }
}

/// What a deployment froze, as AWS deployments do: later changes to the API reach invoke URLs
/// only through a new deployment. The data plane serves a stage from this.
struct DeploymentSnapshot: Codable, Sendable, Equatable {
    /// The API's settings at deployment time (`binaryMediaTypes`, `apiKeySource`...).
    var api: RestApi
    /// Every resource, with its methods, integrations and responses.
    var resources: [ApiResource]
    var authorizers: [Authorizer]
    var requestValidators: [RequestValidator]
    var models: [ApiModel]
    /// Only the responses the API customized; defaults come from ``GatewayResponse/defaults``.
    var gatewayResponses: [GatewayResponse]
}
