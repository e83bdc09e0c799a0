import Foundation
import Synchronization
import BrumeGatewayRules

/// API keys, throttles and quotas, as API Gateway applies them after the authorizer:
///
/// 1. A method with `apiKeyRequired` needs a key (from `x-api-key`, or the authorizer's
///    `usageIdentifierKey` when the API's `apiKeySource` is `AUTHORIZER`) that exists, is enabled
///    and is in a usage plan covering this API and stage; otherwise 403 "Forbidden".
/// 2. Throttles: the account's default, the stage's method settings (the method's own, else
///    `*/*`), then the key's plan (`throttle`) and the plan's per-method throttle
///    (`apiStages[].throttle["/path/METHOD"]`). Any empty bucket is 429 "Too Many Requests".
/// 3. The plan's quota over its current period; past it, 429 "Limit Exceeded". A call let
///    through is recorded for GetUsage on the day the stack clock says it is.
final class UsageEnforcer: Sendable {
    let store: APIGatewayStore
    let throttles: Throttles
    /// Serializes each quota's check and count so concurrent calls cannot overshoot it.
    private let quotaLock = Mutex<Void>(())

    init(store: APIGatewayStore, throttles: Throttles) {
        self.store = store
        self.throttles = throttles
    }

    /// The key and plan a metered call ran under.
    struct Metered: Sendable {
        var key: ApiKey
        var plan: UsagePlan
    }

    /// Checks the key (when required), throttles and quota of a call at `now`.
    /// - Returns: the key and plan the call was metered under, if any.
    /// - Throws: ``GatewayFailure`` `INVALID_API_KEY`, `THROTTLED` or `QUOTA_EXCEEDED`.
    func admit(
        keyValue: String?, keyRequired: Bool, apiID: String, stage: Stage, match: RouteTable.Match, now: Date
    ) throws(GatewayFailure) -> Metered? {
        var metered: Metered?
        if keyRequired {
            guard let keyValue, let key = store.apiKey(value: keyValue), key.enabled,
                  let plan = store.usagePlans(containingKey: key.id).first(where: { plan in
                      plan.apiStages?.contains { $0.apiId == apiID && $0.stage == stage.stageName } ?? false
                  })
            else { throw .invalidAPIKey }
            metered = Metered(key: key, plan: plan)
        }
        let methodKey = "\(match.resourcePath)/\(match.method)"
        var checks: [(scope: String, limit: ThrottleLimit)] = [("account", .accountDefault)]
        if let setting = Self.methodSetting(stage, resourcePath: match.resourcePath, method: match.method),
           setting.throttlingRateLimit >= 0, setting.throttlingBurstLimit >= 0 {
            checks.append(("stage \(apiID) \(stage.stageName) \(methodKey)",
                           ThrottleLimit(rate: setting.throttlingRateLimit, burst: setting.throttlingBurstLimit)))
        }
        if let metered {
            let plan = metered.plan, key = metered.key.id
            if let limit = Self.limit(plan.throttle) {
                checks.append(("plan \(plan.id) \(key)", limit))
            }
            let apiStage = plan.apiStages?.first { $0.apiId == apiID && $0.stage == stage.stageName }
            if let limit = Self.limit(apiStage?.throttle?[methodKey]) {
                checks.append(("plan \(plan.id) \(key) \(apiID) \(stage.stageName) \(methodKey)", limit))
            }
        }
        guard throttles.admit(checks, at: now) else { throw .throttled }
        if let metered { try count(metered, now: now) }
        return metered
    }

    /// Counts a call against the plan's quota, refusing it past the limit.
    private func count(_ metered: Metered, now: Date) throws(GatewayFailure) {
        let plan = metered.plan, key = metered.key.id
        let result: Bool = quotaLock.withLock { _ in
            if let quota = plan.quota, let limit = quota.limit, let period = QuotaPeriod(rawValue: quota.period ?? "") {
                let days = period.days(upTo: now, offset: quota.offset ?? 0)
                let used = store.usage(planId: plan.id, keyId: key, days: days).values.reduce(0, +)
                if used >= limit { return false }
            }
            // A write that fails loses one count; the call itself is still served.
            _ = try? store.recordUsage(planId: plan.id, keyId: key, day: QuotaPeriod.day(now))
            return true
        }
        if !result { throw .quotaExceeded }
    }

    /// The stage's settings for a method: `~1pets~1{id}/GET` (the resource path with each `/`
    /// written `~1`), else `*/*`.
    static func methodSetting(_ stage: Stage, resourcePath: String, method: String) -> MethodSetting? {
        guard let settings = stage.methodSettings else { return nil }
        let escaped = resourcePath.replacingOccurrences(of: "/", with: "~1")
        return settings["\(escaped)/\(method)"] ?? settings["*/*"]
    }

    private static func limit(_ settings: ThrottleSettings?) -> ThrottleLimit? {
        guard let settings, settings.rateLimit != nil || settings.burstLimit != nil else { return nil }
        // A rate without a burst allows one second's worth at once.
        let rate = settings.rateLimit ?? 0
        return ThrottleLimit(rate: rate, burst: settings.burstLimit ?? Int(min(rate.rounded(.up), Double(Int32.max))))
    }
}
