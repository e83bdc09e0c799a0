import Foundation

/// When a failed delivery is tried again, and when EventBridge stops trying: the target's
/// `RetryPolicy` (185 retries and 24 hours by default, as AWS), with exponential backoff.
///
/// Pure: tested without clocks. Times are stack-clock times, so `time_scale` and
/// `POST /_brume/clock` speed delays and ages up as they do the stack's other retries.
struct RetrySchedule: Equatable {
    static let defaultRetryAttempts = 185
    static let defaultEventAge: TimeInterval = 86_400
    /// The longest wait between two attempts, in seconds.
    static let maximumDelay: TimeInterval = 60

    var maximumRetryAttempts: Int = defaultRetryAttempts
    var maximumEventAge: TimeInterval = defaultEventAge

    /// What happens after a failed attempt.
    enum Decision: Equatable {
        /// Try again at this time.
        case retry(at: Date)
        /// Stop: the event goes to the dead-letter queue, or is kept as failed. Carries
        /// `EXHAUSTED_RETRY_CONDITION`, nil for an error no retry can fix.
        case exhausted(condition: String?)
    }

    /// - Parameters:
    ///   - attempts: attempts made so far, the failed one included.
    ///   - receivedAt: when PutEvents accepted the event.
    ///   - retryable: false for errors no retry can fix (the target does not exist).
    func afterFailure(attempts: Int, receivedAt: Date, now: Date, retryable: Bool) -> Decision {
        guard retryable else { return .exhausted(condition: nil) }
        guard attempts <= maximumRetryAttempts else { return .exhausted(condition: "MaximumRetryAttempts") }
        let delay = min(Self.maximumDelay, pow(2, Double(min(attempts - 1, 16))))
        let next = now.addingTimeInterval(delay)
        guard next.timeIntervalSince(receivedAt) < maximumEventAge else {
            return .exhausted(condition: "MaximumEventAgeInSeconds")
        }
        return .retry(at: next)
    }
}
