import Foundation

/// An event bus: per account and region, by name.
struct BusKey: Hashable, Codable, Sendable {
    var account: String
    var region: String
    var name: String
}

/// A rule: per bus, by name.
struct RuleKey: Hashable, Codable, Sendable {
    var bus: BusKey
    var name: String
}

/// A custom event bus (the default bus of each account and region always exists and is not stored).
struct EventBusRecord: Codable, Sendable, Equatable {
    var key: BusKey
    var description: String?
    var creationTime: Date
    var lastModifiedTime: Date
    var tags: [String: String]
}

/// A rule with its targets, stored as one JSON document.
struct RuleRecord: Codable, Sendable, Equatable {
    var key: RuleKey
    var eventPattern: String?
    var description: String?
    var roleARN: String?
    /// `ENABLED` or `DISABLED` (`ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` matches as ENABLED).
    var state: String
    var tags: [String: String]
    /// In the order they were first put; a target put again keeps its place.
    var targets: [TargetRecord]

    var isEnabled: Bool { state != "DISABLED" }
}

/// One target of a rule, as PutTargets gave it (the members Brume acts on).
struct TargetRecord: Codable, Sendable, Equatable {
    var id: String
    var arn: String
    var roleARN: String?
    var input: String?
    var inputPath: String?
    var inputTransformer: Transformer?
    var messageGroupID: String?
    var maximumRetryAttempts: Int?
    var maximumEventAgeInSeconds: Int?
    var deadLetterARN: String?

    struct Transformer: Codable, Sendable, Equatable {
        var inputPathsMap: [String: String]?
        var inputTemplate: String
    }
}
