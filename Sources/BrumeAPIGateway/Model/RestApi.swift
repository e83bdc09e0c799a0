/// A REST API as AWS describes it (`RestApi` in botocore's model); member names are the wire's.
///
/// Every model type is `Codable` in the wire's own JSON form: the store persists it that way and
/// the control plane answers with it, so the two can never disagree.
struct RestApi: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
    /// Epoch seconds, as API Gateway writes timestamps.
    var createdDate: Int64
    var version: String?
    var warnings: [String]?
    /// Media types the API treats as binary (`image/png`, `*/*`).
    var binaryMediaTypes: [String]?
    var minimumCompressionSize: Int?
    /// `HEADER` (the `x-api-key` header) or `AUTHORIZER` (the authorizer's `usageIdentifierKey`).
    var apiKeySource: String?
    var endpointConfiguration: EndpointConfiguration?
    var policy: String?
    var tags: [String: String]?
    var disableExecuteApiEndpoint: Bool?
    var rootResourceId: String?

    struct EndpointConfiguration: Codable, Sendable, Equatable {
        var types: [String]?
        var ipAddressType: String?
        var vpcEndpointIds: [String]?
    }

    /// The key source the data plane applies: `HEADER` unless set.
    var effectiveApiKeySource: String { apiKeySource ?? "HEADER" }
}
