/// One message as a queue holds it: what the sender gave, what SQS stamped on it, and where it
/// is in its visibility cycle.
///
/// Times are milliseconds since 1970, as SQS reports `SentTimestamp`.
struct QueueMessage: Sendable, Equatable {
    /// The queue-local position: FIFO order, and the oldest-first order standard queues deliver in.
    let sequence: Int64
    let messageID: String
    let body: String
    let md5OfBody: String
    /// The user's attributes, in the JSON form the wire carries (`{"DataType":…,"StringValue":…}`).
    let messageAttributes: [String: MessageAttributeValue]
    let md5OfMessageAttributes: String?
    /// `AWSTraceHeader`, the only system attribute a sender may set.
    let systemAttributes: [String: MessageAttributeValue]
    let md5OfMessageSystemAttributes: String?
    let senderID: String
    let sentTimestamp: Int64
    /// FIFO only.
    let groupID: String?
    let deduplicationID: String?
    let sequenceNumber: String?
    /// The queue a dead-letter queue's message was moved from, for move tasks and `DeadLetterQueueSourceArn`.
    let deadLetterSourceARN: String?

    /// When the message can next be received: its delay, or the end of its visibility timeout.
    var visibleAt: Int64
    var receiveCount: Int
    var firstReceiveTimestamp: Int64?
    /// Random part of the current receipt handle; changes on every receive.
    var receiptToken: String?

    /// Whether a consumer holds the message: received, and its visibility timeout not over.
    func isInFlight(now: Int64) -> Bool { receiveCount > 0 && visibleAt > now && receiptToken != nil }
    /// Whether the message waits out its delay and was never received.
    func isDelayed(now: Int64) -> Bool { receiveCount == 0 && visibleAt > now }
    func isVisible(now: Int64) -> Bool { visibleAt <= now }
}
