/// A log group as stored. Times are epoch milliseconds, as the API reports them.
struct LogGroupRecord: Equatable, Sendable {
    /// The row id; events and streams refer to it, so a group deleted and created again under
    /// the same name starts empty.
    var id: Int64
    var key: LogGroupKey
    var creationTime: Int64
    var retentionInDays: Int?
    var kmsKeyID: String?
    var logGroupClass: String
    var tags: [String: String]
    /// The UTF-8 size of every stored message.
    var storedBytes: Int64
}

/// A log stream as stored.
struct LogStreamRecord: Equatable, Sendable {
    var id: Int64
    var groupID: Int64
    var name: String
    var creationTime: Int64
    var firstEventTimestamp: Int64?
    var lastEventTimestamp: Int64?
    var lastIngestionTime: Int64?
    /// How many PutLogEvents stored events here; the basis of the sequence tokens.
    var uploads: Int64

    /// The sequence token AWS still returns, though it no longer checks it: a number that
    /// grows with each upload.
    var sequenceToken: String {
        let digits = String(uploads)
        return "4" + String(repeating: "0", count: max(0, 55 - digits.count)) + digits
    }
}

/// One stored event.
struct StoredLogEvent: Equatable, Sendable {
    var streamID: Int64
    var position: EventPosition
    var ingestionTime: Int64
    var message: String

    var timestamp: Int64 { position.timestamp }
}
