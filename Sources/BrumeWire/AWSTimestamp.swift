public import Foundation
import BrumeSigV4

/// The timestamp formats AWS protocols use, formatted without `DateFormatter` (which is slow
/// and not cheap to share across threads) because they sit on every response.
///
/// Every function here is total. The parsers return `nil` for anything that is not a real UTC
/// instant in years 0001...9999, whatever a client sends (a year of eleven digits, signs, a
/// kilobyte of digits, non-ASCII digits), and the formatters clamp dates outside those years to
/// them, so no header can trap the process.
public enum AWSTimestamp {
    /// ISO 8601 with milliseconds, as S3's XML bodies carry it: `2009-10-12T17:50:30.000Z`.
    ///
    /// Dates before 0001-01-01 or after 9999-12-31T23:59:59.999Z are written as those bounds.
    public static func iso8601(_ date: Date) -> String {
        let (parts, millis) = breakDown(date)
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T"
            + "\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)).\(pad(millis, 3))Z"
    }

    /// RFC 7231 HTTP date, as `Last-Modified` carries it: `Wed, 12 Oct 2009 17:50:00 GMT`.
    ///
    /// Dates outside years 0001...9999 are written as those bounds, as in ``iso8601(_:)``.
    public static func httpDate(_ date: Date) -> String {
        let (parts, _) = breakDown(date)
        return "\(weekdays[parts.weekday]), \(pad(parts.day)) \(months[parts.month - 1]) "
            + "\(pad(parts.year, 4)) \(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)) GMT"
    }

    /// Parses an HTTP date in any of the three forms RFC 7231 requires recipients to accept
    /// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`,
    /// asctime `Sun Nov  6 08:49:37 1994`), or an ISO 8601 timestamp (``parseISO8601(_:)``).
    ///
    /// The weekday is not checked. A two-digit RFC 850 year below 70 is read as 20xx, otherwise
    /// 19xx. A leap second (`23:59:60`) is the first second of the next minute.
    ///
    /// - Returns: `nil` unless the text is one of those forms naming a real instant in years
    ///   0001...9999 (S3 ignores a conditional header it cannot read, so callers ignore `nil`).
    public static func parseHTTPDate(_ text: String) -> Date? {
        guard text.utf8.count <= maximumLength else { return nil }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == ":" })
        // Drop the weekday, whatever its spelling.
        guard tokens.count >= 7, tokens[0].first?.isLetter == true else { return parseISO8601(text) }
        let fields = tokens.dropFirst()
        let start = fields.startIndex
        let day: Int?, month: Int?, year: Int?, clock: ArraySlice<Substring>, zone: ArraySlice<Substring>
        if let monthIndex = months.firstIndex(of: String(fields[start])) {
            // asctime: month day hh mm ss year
            month = monthIndex + 1
            day = number(fields[start + 1], digits: 1...2)
            clock = fields[(start + 2)...(start + 4)]
            year = number(fields[start + 5], digits: 4...4)
            zone = fields[(start + 6)...]
        } else {
            // IMF-fixdate or RFC 850: day month year hh mm ss GMT
            day = number(fields[start], digits: 1...2)
            month = months.firstIndex(of: String(fields[start + 1])).map { $0 + 1 }
            let yearText = fields[start + 2]
            if yearText.count == 2, let short = number(yearText, digits: 2...2) {
                year = short < 70 ? 2000 + short : 1900 + short
            } else {
                year = number(yearText, digits: 4...4)
            }
            clock = fields[(start + 3)...(start + 5)]
            zone = fields[(start + 6)...]
        }
        guard zone.isEmpty || (zone.count == 1 && ["GMT", "UTC", "UT", "Z"].contains(zone.first!)),
              let day, let month, let year,
              let hour = number(clock[clock.startIndex], digits: 1...2),
              let minute = number(clock[clock.startIndex + 1], digits: 2...2),
              let second = number(clock[clock.startIndex + 2], digits: 2...2)
        else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: 0)
    }

    /// Parses an ISO 8601 UTC timestamp in the extended form (`2013-05-24T00:00:00Z`) or the basic
    /// form (`20130524T000000Z`), either with fractional seconds (`.123Z`).
    ///
    /// - Returns: `nil` unless the text is one of those forms, ends in `Z` and names a real
    ///   instant in years 0001...9999. A leap second (`:60`) is the first second of the next minute.
    public static func parseISO8601(_ text: String) -> Date? {
        let bytes = text.utf8
        guard bytes.count <= maximumLength, bytes.last == UInt8(ascii: "Z") else { return nil }
        var cursor = bytes.startIndex
        let end = bytes.index(before: bytes.endIndex)
        let extended = bytes.count > 4 && bytes[bytes.index(cursor, offsetBy: 4)] == UInt8(ascii: "-")

        /// Reads exactly `count` ASCII digits at the cursor.
        func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard cursor < end, let digit = asciiDigit(bytes[cursor]) else { return nil }
                value = value * 10 + digit
                bytes.formIndex(after: &cursor)
            }
            return value
        }
        /// Consumes `separator` in the extended form; the basic form has none.
        func separator(_ byte: UInt8) -> Bool {
            guard extended else { return true }
            guard cursor < end, bytes[cursor] == byte else { return false }
            bytes.formIndex(after: &cursor)
            return true
        }

        guard let year = digits(4), separator(UInt8(ascii: "-")), let month = digits(2), separator(UInt8(ascii: "-")),
              let day = digits(2), cursor < end, bytes[cursor] == UInt8(ascii: "T")
        else { return nil }
        bytes.formIndex(after: &cursor)
        guard let hour = digits(2), separator(UInt8(ascii: ":")), let minute = digits(2), separator(UInt8(ascii: ":")),
              let second = digits(2)
        else { return nil }
        var fraction = 0.0
        if cursor < end {
            // Fractional seconds: a dot or comma and at least one digit. Digits past the ninth
            // (below a nanosecond) are read but cannot change a `Date`.
            guard bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ",") else { return nil }
            bytes.formIndex(after: &cursor)
            guard cursor < end else { return nil }
            var scale = 0.1
            while cursor < end {
                guard let digit = asciiDigit(bytes[cursor]) else { return nil }
                fraction += Double(digit) * scale
                scale /= 10
                bytes.formIndex(after: &cursor)
            }
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction)
    }

    /// The longest text worth parsing: every valid form is well under it.
    private static let maximumLength = 64

    private static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double
    ) -> Date? {
        guard UTCCalendar.isValid(year: year, month: month, day: day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let seconds = UTCCalendar.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// The value of `text` when it is only ASCII digits, as many as `digits` allows.
    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count) else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard let digit = asciiDigit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func asciiDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The UTC calendar fields and milliseconds of `date`, clamped to years 0001...9999.
    private static func breakDown(
        _ date: Date
    ) -> ((year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int), Int) {
        let interval = date.timeIntervalSince1970
        let seconds = UTCCalendar.clampedSeconds(interval)
        var millis = 0
        if interval >= Double(UTCCalendar.latestSecond + 1) {
            millis = 999
        } else if interval >= Double(UTCCalendar.earliestSecond) {
            millis = max(0, min(999, Int(((interval - Double(seconds)) * 1000).rounded(.down))))
        }
        return (UTCCalendar.breakDown(seconds: seconds), millis)
    }
}
