/// A queue's identity and configuration: what CreateQueue and SetQueueAttributes wrote.
struct QueueRecord: Sendable {
    /// The storage id; receipt handles carry it.
    let id: Int64
    let accountID: String
    let region: String
    let name: String
    var attributes: QueueAttributes
    var tags: [String: String]
    /// Seconds since 1970, as `CreatedTimestamp` reports them.
    let createdAt: Int64
    var modifiedAt: Int64
    /// Milliseconds since 1970 of the last PurgeQueue, for PurgeQueueInProgress.
    var purgedAt: Int64?

    var isFIFO: Bool { name.hasSuffix(".fifo") }
    var arn: String { "arn:aws:sqs:\(region):\(accountID):\(name)" }
    var identity: QueueIdentity { QueueIdentity(accountID: accountID, region: region, name: name) }
}

/// What names a queue: its account, region and name (the parts of its ARN).
struct QueueIdentity: Hashable, Sendable {
    let accountID: String
    let region: String
    let name: String

    var arn: String { "arn:aws:sqs:\(region):\(accountID):\(name)" }

    /// Parses `arn:aws:sqs:<region>:<account>:<name>`.
    init?(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs", !parts[3].isEmpty, !parts[4].isEmpty, !parts[5].isEmpty
        else { return nil }
        self.init(accountID: String(parts[4]), region: String(parts[3]), name: String(parts[5]))
    }

    init(accountID: String, region: String, name: String) {
        self.accountID = accountID
        self.region = region
        self.name = name
    }
}
