/// One event of a PutLogEvents request.
struct InputLogEvent: Equatable, Sendable {
    /// Milliseconds since the epoch.
    let timestamp: Int64
    let message: String
}

/// Which events of a batch CloudWatch Logs refused without failing the request, as
/// `rejectedLogEventsInfo` reports them.
struct RejectedLogEvents: Equatable, Sendable {
    /// The first event more than two hours in the future (inclusive).
    var tooNewStart: Int?
    /// One past the last event older than 14 days (exclusive, as the model says).
    var tooOldEnd: Int?
    /// One past the last event older than the log group's retention period.
    var expiredEnd: Int?

    var isEmpty: Bool { tooNewStart == nil && tooOldEnd == nil && expiredEnd == nil }
}

/// PutLogEvents' rules for a batch, without I/O: what fails the request, and which events are
/// stored or refused.
///
/// The order of the checks is AWS's: the model's limits first (count, empty messages), then
/// the batch size, then chronological order, then each event's age, and last the 24-hour span
/// of the events that are kept. Too old, expired and too new events are not errors: they are
/// reported in ``RejectedLogEvents`` and the rest of the batch is stored.
enum EventBatch {
    static let maximumCount = 10_000
    static let maximumBytes = 1_048_576
    /// What AWS adds to each message's UTF-8 size when it sizes a batch.
    static let perEventOverhead = 26
    static let maximumSpan: Int64 = 24 * 3_600_000
    static let maximumAge: Int64 = 14 * 86_400_000
    static let maximumLead: Int64 = 2 * 3_600_000

    /// The events to store (a contiguous run, since the batch is in order) and what was refused.
    struct Outcome: Equatable, Sendable {
        var accepted: Range<Int>
        var rejected: RejectedLogEvents
    }

    /// Checks `events` as received at `now` (epoch milliseconds) for a log group that keeps
    /// events `retentionDays` days (nil: forever).
    static func validate(_ events: [InputLogEvent], now: Int64, retentionDays: Int?) throws(LogsError) -> Outcome {
        guard !events.isEmpty else {
            throw .constraint("[]", at: "logEvents", "Member must have length greater than or equal to 1")
        }
        guard events.count <= maximumCount else {
            // AWS shows no list in this message; the elision stands for it.
            throw .constraint("[...]", at: "logEvents", "Member must have length less than or equal to \(maximumCount)")
        }
        if let empty = events.firstIndex(where: { $0.message.isEmpty }) {
            throw .constraint("", at: "logEvents.\(empty + 1).member.message", "Member must have length greater than or equal to 1")
        }
        let size = events.reduce(0) { $0 + $1.message.utf8.count + perEventOverhead }
        guard size <= maximumBytes else {
            throw .invalidParameter("Upload too large: \(size) bytes exceeds limit of \(maximumBytes)")
        }
        for index in events.indices.dropFirst() where events[index].timestamp < events[index - 1].timestamp {
            throw .invalidParameter("Log events in a single PutLogEvents request must be in chronological order.")
        }

        var rejected = RejectedLogEvents()
        let tooOld = events.prefix { $0.timestamp < now - maximumAge }.count
        if tooOld > 0 { rejected.tooOldEnd = tooOld }
        if let days = retentionDays {
            let expired = events.prefix { $0.timestamp < now - Int64(days) * 86_400_000 }.count
            if expired > tooOld { rejected.expiredEnd = expired }
        }
        let firstKept = max(rejected.tooOldEnd ?? 0, rejected.expiredEnd ?? 0)
        if let tooNew = events.firstIndex(where: { $0.timestamp > now + maximumLead }) {
            rejected.tooNewStart = tooNew
        }
        let accepted = firstKept..<max(firstKept, rejected.tooNewStart ?? events.count)
        if let first = accepted.first, let last = accepted.last, events[last].timestamp - events[first].timestamp > maximumSpan {
            throw .invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
        }
        return Outcome(accepted: accepted, rejected: rejected)
    }
}
