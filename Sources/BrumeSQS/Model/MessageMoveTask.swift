/// A redrive from a dead-letter queue back to a source queue (StartMessageMoveTask).
///
/// Progress is computed against the clock: a task with a rate moves at most
/// `maxPerSecond × elapsed` messages, so it advances whenever the backend looks at it.
struct MessageMoveTask: Sendable, Equatable {
    enum Status: String, Sendable {
        case running = "RUNNING"
        case completed = "COMPLETED"
        case cancelling = "CANCELLING"
        case cancelled = "CANCELLED"
        case failed = "FAILED"
    }

    let taskHandle: String
    /// The dead-letter queue messages move out of.
    let sourceARN: String
    /// Where they go; nil sends each back to the queue it was dead-lettered from.
    let destinationARN: String?
    let maxPerSecond: Int?
    var status: Status
    var moved: Int
    /// How many messages the dead-letter queue held when the task started.
    let toMove: Int
    /// Milliseconds since 1970.
    let startedAt: Int64
    var failureReason: String?

    /// How many more messages the rate allows at `now`.
    func allowance(now: Int64) -> Int {
        let remaining = toMove - moved
        guard let maxPerSecond else { return remaining }
        let elapsed = max(0, now - startedAt)
        let allowed = Int(elapsed * Int64(maxPerSecond) / 1000) + 1
        return max(0, min(remaining, allowed - moved))
    }
}
