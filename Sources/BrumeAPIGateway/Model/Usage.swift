/// One day of one key's calls under one plan, as the data plane records them.
struct UsageRecord: Codable, Sendable, Equatable, Hashable {
    var usagePlanId: String
    var keyId: String
    /// `yyyy-MM-dd` in UTC, as GetUsage's `startDate`/`endDate` name days.
    var day: String
}
