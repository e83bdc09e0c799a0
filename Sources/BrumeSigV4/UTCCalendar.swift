/// Proleptic Gregorian calendar arithmetic in UTC, in plain integers.
///
/// AWS timestamps (SigV4 `X-Amz-Date`, HTTP dates, ISO 8601 bodies) all name a day and a time of
/// day in UTC. Converting them with `timegm`/`gmtime_r` means narrowing to `Int32` and `time_t`,
/// which traps on a client's year 99999999999; this arithmetic cannot overflow for any year in
/// ``supportedYears`` and callers clamp or refuse everything outside it.
package enum UTCCalendar {
    /// The years every AWS timestamp form can spell with four digits.
    package static let supportedYears = 1...9999

    /// Seconds since 1970-01-01T00:00:00Z of 0001-01-01T00:00:00Z.
    package static let earliestSecond = -62_135_596_800

    /// Seconds since 1970-01-01T00:00:00Z of 9999-12-31T23:59:59Z.
    package static let latestSecond = 253_402_300_799

    /// The number of days in `month` (1...12) of `year`.
    package static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year`, `month` and `day` name a real day in ``supportedYears``.
    package static func isValid(year: Int, month: Int, day: Int) -> Bool {
        supportedYears.contains(year) && (1...12).contains(month) && (1...daysInMonth(month, year: year)).contains(day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    ///
    /// Exact for any year whose day count fits in `Int`; callers pass years in ``supportedYears``.
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar day `days` days after 1970-01-01 (the inverse of ``days(year:month:day:)``).
    package static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The broken-down UTC time of whole `seconds` since the epoch, clamped to ``supportedYears``.
    ///
    /// - Returns: the calendar day, the time of day, and the weekday (0 is Sunday).
    package static func breakDown(
        seconds: Int
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let clamped = min(max(seconds, earliestSecond), latestSecond)
        let days = clamped >= 0 ? clamped / 86_400 : (clamped - 86_399) / 86_400
        let secondOfDay = clamped - days * 86_400
        let (year, month, day) = civil(days: days)
        // 1970-01-01 was a Thursday.
        let weekday = ((days % 7) + 7 + 4) % 7
        return (year, month, day, secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60, weekday)
    }

    /// Whole seconds since the epoch of `interval`, rounded down and clamped to
    /// ``supportedYears``; not-a-number counts as the epoch.
    package static func clampedSeconds(_ interval: Double) -> Int {
        guard !interval.isNaN else { return 0 }
        let bounded = min(max(interval.rounded(.down), Double(earliestSecond)), Double(latestSecond))
        return Int(bounded)
    }
}
