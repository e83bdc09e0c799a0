/// A stage: a name pointing at a deployment, with its variables and per-method settings.
struct Stage: Codable, Sendable, Equatable {
    var deploymentId: String
    var clientCertificateId: String?
    var stageName: String
    var description: String?
    var cacheClusterEnabled: Bool?
    var cacheClusterSize: String?
    var cacheClusterStatus: String?
    /// `{resourcePath}/{httpMethod}` (`*/*` for every method, the path with `/` escaped as `~1`,
    /// without its leading slash) → settings.
    var methodSettings: [String: MethodSetting]?
    var variables: [String: String]?
    var documentationVersion: String?
    var accessLogSettings: AccessLogSettings?
    var tracingEnabled: Bool?
    var tags: [String: String]?
    var createdDate: Int64
    var lastUpdatedDate: Int64

    struct AccessLogSettings: Codable, Sendable, Equatable {
        var format: String?
        var destinationArn: String?
    }
}

/// Settings of one method in a stage (`MethodSetting` in the model).
struct MethodSetting: Codable, Sendable, Equatable {
    var metricsEnabled: Bool = false
    var loggingLevel: String = "OFF"
    var dataTraceEnabled: Bool = false
    /// AWS's account default is 5,000; -1 means no throttling.
    var throttlingBurstLimit: Int = 5000
    /// AWS's account default is 10,000 per second; -1 means no throttling.
    var throttlingRateLimit: Double = 10000
    var cachingEnabled: Bool = false
    var cacheTtlInSeconds: Int = 300
    var cacheDataEncrypted: Bool = false
    var requireAuthorizationForCacheControl: Bool = true
    var unauthorizedCacheControlHeaderStrategy: String = "SUCCEED_WITH_RESPONSE_HEADER"
}
