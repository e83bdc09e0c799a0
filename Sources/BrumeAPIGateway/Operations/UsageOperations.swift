import Foundation
import Hummingbird

/// GetUsage: each key's calls per day under a plan, with the quota left at the end of each day.
extension APIGatewayService {
    /// The longest range GetUsage answers, so a request cannot make the answer unbounded.
    static let maximumUsageDays = 366

    @Sendable func getUsage(_ call: APIGatewayCall) async throws -> Response {
        let planId = call.parameter("usageplanId")
        guard let startText = call.queryValue("startDate"), let endText = call.queryValue("endDate") else {
            throw APIGatewayError.badRequest("1 validation error detected: Value null at 'startDate' failed to satisfy constraint: Member must not be null")
        }
        guard let start = UsageDays.date(startText) else { throw APIGatewayError.badRequest("Invalid startDate: \(startText). Expected yyyy-MM-dd") }
        guard let end = UsageDays.date(endText) else { throw APIGatewayError.badRequest("Invalid endDate: \(endText). Expected yyyy-MM-dd") }
        guard start <= end else { throw APIGatewayError.badRequest("The start date must be on or before the end date") }
        let days = UsageDays.days(from: start, to: end)
        guard days.count <= Self.maximumUsageDays else {
            throw APIGatewayError.badRequest("The date range must not span more than \(Self.maximumUsageDays) days")
        }
        let plan = try usagePlan(planId)
        let keyFilter = call.queryValue("keyId")
        let keyIds = try store.read { state in (state.usagePlanKeys[planId] ?? []).filter { keyFilter == nil || $0 == keyFilter }.sorted() }
        var values: [String: [[Int]]] = [:]
        for keyId in keyIds {
            values[keyId] = days.map { day in
                let used = store.usage(planId: planId, keyId: keyId, days: UsageDays.day(day)...UsageDays.day(day))[UsageDays.day(day)] ?? 0
                return [used, remaining(plan: plan, keyId: keyId, at: day)]
            }
        }
        return try APIGatewayResponse.json(Usage(usagePlanId: planId, startDate: startText, endDate: endText, values: values))
    }

    /// The quota left at the end of `day`: the limit less the calls of the quota period up to
    /// that day; 0 without a quota, as AWS reports it.
    func remaining(plan: UsagePlan, keyId: String, at day: Date) -> Int {
        guard let quota = plan.quota, let limit = quota.limit, let period = quota.period.flatMap(QuotaPeriod.init(rawValue:)) else { return 0 }
        let used = store.usage(planId: plan.id, keyId: keyId, days: period.days(upTo: day, offset: quota.offset ?? 0)).values.reduce(0, +)
        return max(0, limit - used)
    }

    struct Usage: Encodable, Sendable {
        var usagePlanId: String
        var startDate: String
        var endDate: String
        /// key id → one `[used, remaining]` pair per day; the wire's name is `values`.
        var values: [String: [[Int]]]
    }
}

/// GetUsage's days: `yyyy-MM-dd` in UTC.
enum UsageDays {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    static func days(from start: Date, to end: Date) -> [Date] {
        var days: [Date] = []
        var day = start
        while day <= end, days.count <= APIGatewayService.maximumUsageDays {
            days.append(day)
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return days
    }

    static func day(_ date: Date) -> String { QuotaPeriod.day(date) }
}
