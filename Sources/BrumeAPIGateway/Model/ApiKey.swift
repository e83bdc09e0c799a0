/// An API key (`ApiKey` in the model).
struct ApiKey: Codable, Sendable, Equatable {
    var id: String
    /// The secret clients send in `x-api-key`; answered only with `includeValue(s)`.
    var value: String?
    var name: String?
    var customerId: String?
    var description: String?
    var enabled: Bool
    var createdDate: Int64
    var lastUpdatedDate: Int64
    /// `{restApiId}/{stageName}` entries (the legacy association).
    var stageKeys: [String]?
    var tags: [String: String]?
}
