/// The queue attribute names SQS knows, split by who may write them.
enum QueueAttributeNames {
    /// Attributes `CreateQueue` and `SetQueueAttributes` accept on any queue.
    static let settable: [String] = [
        "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "Policy",
        "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "RedrivePolicy", "RedriveAllowPolicy",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled",
    ]
    /// Attributes only a FIFO queue has; on a standard queue SQS calls them unknown.
    static let fifoOnly: [String] = [
        "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
    ]
    /// Attributes SQS computes; `GetQueueAttributes` returns them, writes reject them.
    static let readOnly: [String] = [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ]
    /// Every name `GetQueueAttributes` accepts besides `All`.
    static let readable: Set<String> = Set(settable + fifoOnly + readOnly)

    /// Validates the `AttributeNames` of `GetQueueAttributes` and returns the names to report.
    ///
    /// `All` selects every readable name; an empty list selects none (SQS then returns no
    /// attributes); any unknown name fails the whole request with `InvalidAttributeName`.
    static func resolveRequested(_ names: [String]) throws(SQSError) -> Set<String> {
        var selected: Set<String> = []
        for name in names {
            if name == "All" {
                selected.formUnion(readable)
            } else if readable.contains(name) {
                selected.insert(name)
            } else {
                throw .invalidAttributeName(name)
            }
        }
        return selected
    }
}
