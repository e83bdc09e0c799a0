/// A usage plan: the APIs and stages it covers, its throttle and its quota.
struct UsagePlan: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var description: String?
    var apiStages: [ApiStage]?
    var throttle: ThrottleSettings?
    var quota: QuotaSettings?
    var productCode: String?
    var tags: [String: String]?
}

/// One API stage a plan covers, with per-method throttles.
struct ApiStage: Codable, Sendable, Equatable {
    var apiId: String
    var stage: String
    /// `{resourcePath}/{httpMethod}` (`/pets/GET`) → throttle.
    var throttle: [String: ThrottleSettings]?
}

struct ThrottleSettings: Codable, Sendable, Equatable {
    var burstLimit: Int?
    var rateLimit: Double?
}

struct QuotaSettings: Codable, Sendable, Equatable {
    var limit: Int?
    /// Days (WEEK) or days of the month (MONTH) the period starts after; 0 for DAY.
    var offset: Int?
    /// `DAY`, `WEEK` or `MONTH`.
    var period: String?
}

/// A key in a plan (`UsagePlanKey` in the model); the key's own fields, copied when answered.
struct UsagePlanKey: Codable, Sendable, Equatable {
    var id: String
    var type: String
    var value: String?
    var name: String?
}
