public import Foundation

/// A token bucket: holds up to `burst` tokens, refills at `rate` tokens a second, and lets a
/// request through when it can take one. Time is whatever the caller passes (the stack clock),
/// so a test moves time instead of sleeping.
public struct TokenBucket: Sendable, Equatable {
    public let rate: Double
    public let burst: Double
    private var tokens: Double
    private var refilledAt: Date?

    /// A full bucket.
    public init(rate: Double, burst: Int) {
        self.rate = max(0, rate)
        self.burst = Double(max(0, burst))
        tokens = self.burst
    }

    /// Takes a token at `now`; false when the bucket is empty (the request is throttled).
    public mutating func take(at now: Date) -> Bool {
        refill(to: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Gives back a token taken for a request a later check refused, so it does not count.
    public mutating func giveBack() {
        tokens = min(burst, tokens + 1)
    }

    private mutating func refill(to now: Date) {
        if let refilledAt {
            // A clock moved backwards refills nothing rather than draining the bucket.
            let elapsed = max(0, now.timeIntervalSince(refilledAt))
            tokens = min(burst, tokens + elapsed * rate)
        }
        refilledAt = max(refilledAt ?? now, now)
    }
}
