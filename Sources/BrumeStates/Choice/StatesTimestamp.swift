import BrumeSigV4
import Foundation
/// An instant written as Step Functions accepts timestamps: in Choice rules (`Timestamp...`,
/// `IsTimestamp`) and in a Wait state's `Timestamp` and `TimestampPath`.
///
/// The Amazon States Language asks for the RFC 3339 profile of ISO 8601, with an uppercase `T`
/// between date and time and an uppercase `Z` when there is no numeric offset:
/// `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123Z`, `2016-03-14T02:59:00+01:00`.
///
/// Rejected, because RFC 3339 or the ASL profile rules them out: a lowercase `t` or `z`, a
/// space instead of `T`, a missing seconds field, a missing offset, a date on its own, an
/// offset without a colon (`+0100`), week or ordinal dates, and out-of-range fields
/// (`2021-02-29`, `24:00:00`). A leap second (`:60`) is rejected too: the Java time parsers the
/// service is built on refuse it in strict mode.
///
/// Two timestamps compare by the instant they denote, so `2016-03-14T02:59:00+01:00` equals
/// `2016-03-14T01:59:00Z`. Fractions are kept to the nanosecond.
struct StatesTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    var epochSeconds: Int64
    /// The fraction of the second, in nanoseconds (0..<1_000_000_000).
    var nanoseconds: Int32

    init(epochSeconds: Int64, nanoseconds: Int32 = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
    }

    /// Parses `text`, or returns nil when Step Functions would not take it as a timestamp.
    init?(_ text: String) {
        var parser = TimestampScanner(Array(text.utf8))
        guard let parsed = parser.parse() else { return nil }
        self = parsed
    }

    static func < (lhs: StatesTimestamp, rhs: StatesTimestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    /// The instant a Wait state waits until: AWS documents that a Wait `Timestamp` counts only
    /// whole seconds and truncates the fraction.
    var truncatedToSecond: StatesTimestamp { StatesTimestamp(epochSeconds: epochSeconds) }

    /// Milliseconds since the epoch, rounded down; what an injected clock deals in.
    /// The instant a Wait state waits for: whole seconds, as Step Functions counts them.
    var date: Date { Date(timeIntervalSince1970: TimeInterval(truncatedToSecond.epochSeconds)) }

    var epochMilliseconds: Int64 { epochSeconds * 1000 + Int64(nanoseconds / 1_000_000) }

    /// The instant in UTC with `Z`, and the fraction only when there is one.
    var description: String {
        let days = Self.floorDivide(epochSeconds, 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += "T" + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2)
        text += ":" + Self.pad(secondOfDay % 60, 2)
        if nanoseconds > 0 {
            var fraction = Self.pad(Int64(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, as RFC 3339 uses), shared with the wire's timestamps

    /// Days since 1970-01-01 for a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(UTCCalendar.days(year: Int(year), month: Int(month), day: Int(day)))
    }

    /// The civil date of a day count since 1970-01-01; the inverse of ``days(year:month:day:)``.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let (year, month, day) = UTCCalendar.civil(days: Int(days))
        return (Int64(year), Int64(month), Int64(day))
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        Int64(UTCCalendar.daysInMonth(Int(month), year: Int(year)))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A strict, single-pass reader of the RFC 3339 `date-time` production over UTF-8 bytes.
private struct TimestampScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() -> StatesTimestamp? {
        guard let year = digits(4), expect(UInt8(ascii: "-")),
              let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2), expect(UInt8(ascii: "T")),
              let hour = digits(2), expect(UInt8(ascii: ":")),
              let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...StatesTimestamp.daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var nanoseconds: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            // RFC 3339 allows any number of fraction digits; digits past nanoseconds are dropped.
            var count = 0
            while let digit = peekDigit() {
                if count < 9 { nanoseconds = nanoseconds * 10 + digit }
                count += 1
                position += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanoseconds *= 10 }
        }

        guard let offsetSeconds = offset(), position == bytes.count else { return nil }
        let days = StatesTimestamp.days(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return StatesTimestamp(epochSeconds: local - offsetSeconds, nanoseconds: Int32(nanoseconds))
    }

    /// `Z`, or `+hh:mm` / `-hh:mm`, as seconds east of UTC.
    private mutating func offset() -> Int64? {
        guard position < bytes.count else { return nil }
        let sign = bytes[position]
        position += 1
        if sign == UInt8(ascii: "Z") { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hours = digits(2), expect(UInt8(ascii: ":")), let minutes = digits(2),
              hours < 24, minutes < 60
        else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "+") ? seconds : -seconds
    }

    private mutating func digits(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = peekDigit() else { return nil }
            value = value * 10 + digit
            position += 1
        }
        return value
    }

    private func peekDigit() -> Int64? {
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else { return nil }
        return Int64(bytes[position] - UInt8(ascii: "0"))
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
