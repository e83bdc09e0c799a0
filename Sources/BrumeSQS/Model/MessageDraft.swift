/// A validated message on its way into a queue, before the queue gives it a place.
struct MessageDraft: Sendable {
    var body: String
    var md5OfBody: String
    var messageAttributes: [String: MessageAttributeValue]
    var md5OfMessageAttributes: String?
    var systemAttributes: [String: MessageAttributeValue]
    var md5OfMessageSystemAttributes: String?
    var senderID: String
    /// The per-message delay, or the queue's when the sender gave none.
    var delaySeconds: Int
    var groupID: String?
    /// The sender's id, or the SHA-256 of the body under ContentBasedDeduplication.
    var deduplicationID: String?
    /// Keeps the message id when a message moves to or from a dead-letter queue.
    var messageID: String?
    var sentTimestamp: Int64?
    var receiveCount: Int = 0
    var firstReceiveTimestamp: Int64?
    var deadLetterSourceARN: String?
}

extension MessageDraft {
    /// The draft that moves `message` to another queue as it is: same id, timestamps and counts.
    init(moving message: QueueMessage, deadLetterSourceARN: String?) {
        self.init(
            body: message.body, md5OfBody: message.md5OfBody,
            messageAttributes: message.messageAttributes, md5OfMessageAttributes: message.md5OfMessageAttributes,
            systemAttributes: message.systemAttributes, md5OfMessageSystemAttributes: message.md5OfMessageSystemAttributes,
            senderID: message.senderID, delaySeconds: 0, groupID: message.groupID,
            deduplicationID: message.deduplicationID, messageID: message.messageID,
            sentTimestamp: message.sentTimestamp, receiveCount: message.receiveCount,
            firstReceiveTimestamp: message.firstReceiveTimestamp, deadLetterSourceARN: deadLetterSourceARN
        )
    }
}
