import Foundation
import Synchronization
import BrumeGatewayRules

/// Lambda authorizer answers kept for their TTL on the stack clock, by authorizer and identity
/// (the token, or every identity source's value). A cached policy is evaluated again against
/// each call's method ARN, so a policy cached for one path of a `{proxy+}` decides the others.
///
/// Bounded: past ``capacity`` entries, expired ones go first, then the oldest.
final class AuthorizerCache: Sendable {
    private struct Entry {
        var result: AuthorizerResult
        var expires: Date
    }

    static let capacity = 10_000
    private let entries = Mutex<[String: Entry]>([:])

    func lookup(_ key: String, now: Date) -> AuthorizerResult? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.expires <= now {
                entries[key] = nil
                return nil
            }
            return entry.result
        }
    }

    func store(_ result: AuthorizerResult, key: String, ttl: Int, now: Date) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= Self.capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= Self.capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires })?.key {
                    entries[oldest] = nil
                }
            }
            entries[key] = Entry(result: result, expires: now.addingTimeInterval(TimeInterval(ttl)))
        }
    }
}
