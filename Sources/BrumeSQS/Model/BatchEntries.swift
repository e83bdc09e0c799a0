/// Whole-request checks of SQS batch operations.
///
/// These fail the entire request; everything else (a bad body, an unknown receipt handle) is a
/// per-entry ``BatchEntryError`` in the response's `Failed` list.
enum BatchEntries {
    /// The most entries one batch may carry.
    static let maximumCount = 10

    /// The three batch operations, named by their entry shape as the errors quote it.
    enum Operation: String, Sendable {
        case sendMessage = "SendMessageBatchRequestEntry"
        case deleteMessage = "DeleteMessageBatchRequestEntry"
        case changeMessageVisibility = "ChangeMessageVisibilityBatchRequestEntry"
    }

    /// Checks entry ids in SQS's order: empty, too many, malformed id, duplicate id.
    static func validate(ids: [String], operation: Operation) throws(SQSError) {
        guard !ids.isEmpty else { throw .emptyBatchRequest(entryName: operation.rawValue) }
        guard ids.count <= maximumCount else { throw .tooManyEntriesInBatchRequest(count: ids.count) }
        for id in ids where !isValidID(id) {
            throw .invalidBatchEntryId
        }
        var seen: Set<String> = []
        for id in ids where !seen.insert(id).inserted {
            throw .batchEntryIdsNotDistinct(id: id)
        }
    }

    /// `SendMessageBatch`'s size check: the sum of all entries' message sizes against 1 MiB.
    static func validatePayload(_ entries: [(body: String, attributes: [String: MessageAttributeValue])]) throws(SQSError) {
        let total = entries.reduce(0) { $0 + MessageAttributeValidation.messageSize(body: $1.body, attributes: $1.attributes) }
        guard total <= MessageLimits.maximumMessageSize else { throw .batchRequestTooLong(size: total) }
    }

    /// 1–80 characters of `A-Za-z0-9_-`.
    static func isValidID(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 80 && bytes.allSatisfy(QueueName.isNameByte)
    }
}
