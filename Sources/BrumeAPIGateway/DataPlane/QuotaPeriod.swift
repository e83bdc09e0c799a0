public import Foundation

/// A usage plan quota's period (`DAY`, `WEEK`, `MONTH`), in UTC as API Gateway counts it: days
/// start at midnight, weeks on Sunday, months on the first, each moved later by the quota's
/// `offset` in days (a WEEK offset of 1 starts weeks on Monday).
public enum QuotaPeriod: String, Sendable, CaseIterable {
    case day = "DAY"
    case week = "WEEK"
    case month = "MONTH"

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 1  // Sunday
        return calendar
    }()

    /// The start of the period holding `date`, with periods starting `offset` days late.
    public func start(of date: Date, offset: Int = 0) -> Date {
        let calendar = Self.calendar
        let offset = self == .day ? 0 : max(0, offset)
        // Shifting the date back by the offset finds the unshifted period; shifting its start
        // forward again gives the offset period's start.
        let shifted = calendar.date(byAdding: .day, value: -offset, to: date) ?? date
        let unshifted: Date
        switch self {
        case .day:
            unshifted = calendar.startOfDay(for: shifted)
        case .week:
            let day = calendar.startOfDay(for: shifted)
            let weekday = calendar.component(.weekday, from: day)  // 1 = Sunday
            unshifted = calendar.date(byAdding: .day, value: -(weekday - 1), to: day) ?? day
        case .month:
            let parts = calendar.dateComponents([.year, .month], from: shifted)
            unshifted = calendar.date(from: parts) ?? calendar.startOfDay(for: shifted)
        }
        return calendar.date(byAdding: .day, value: offset, to: unshifted) ?? unshifted
    }

    /// The UTC days (`yyyy-MM-dd`) from the start of the period holding `date` to `date`'s own
    /// day, as usage is recorded per day.
    public func days(upTo date: Date, offset: Int = 0) -> ClosedRange<String> {
        Self.day(start(of: date, offset: offset))...Self.day(date)
    }

    /// `yyyy-MM-dd` in UTC, as GetUsage names days.
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970, month = parts.month ?? 1, day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
