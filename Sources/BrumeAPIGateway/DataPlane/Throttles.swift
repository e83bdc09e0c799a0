public import Foundation
import Synchronization

/// A request rate: `rate` requests a second on average, `burst` at once.
public struct ThrottleLimit: Sendable, Equatable {
    public var rate: Double
    public var burst: Int

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    /// AWS's account-level default for a region: 10,000 requests a second, bursts of 5,000.
    public static let accountDefault = ThrottleLimit(rate: 10_000, burst: 5_000)
}

/// The token buckets of every throttle the gateway applies (the account, each stage method,
/// each usage plan key, each plan key's method), by a key naming the scope.
///
/// A request passes only when every bucket that applies to it has a token; it then takes one
/// from each, so a request refused by one limit costs nothing from the others. A bucket whose
/// limit changed (a plan or stage was updated) starts over full with the new limit.
/// Memory is bounded by the configured scopes: the keys are plan, key, stage and method ids.
public final class Throttles: Sendable {
    private let buckets = Mutex<[String: TokenBucket]>([:])

    public init() {}

    /// Whether a request at `now` passes every `(scope, limit)`; takes a token from each if so.
    public func admit(_ checks: [(scope: String, limit: ThrottleLimit)], at now: Date) -> Bool {
        buckets.withLock { buckets in
            var taken: [String] = []
            for check in checks {
                var bucket = buckets[check.scope]
                if bucket == nil || bucket?.rate != max(0, check.limit.rate) || bucket?.burst != Double(max(0, check.limit.burst)) {
                    bucket = TokenBucket(rate: check.limit.rate, burst: check.limit.burst)
                }
                guard var bucket, bucket.take(at: now) else {
                    // Give back what this request took from the buckets before the one that refused it.
                    for scope in taken { buckets[scope]?.giveBack() }
                    if let bucket { buckets[check.scope] = bucket }
                    return false
                }
                buckets[check.scope] = bucket
                taken.append(check.scope)
            }
            return true
        }
    }
}
