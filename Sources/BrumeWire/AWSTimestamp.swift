public import Foundation

/// The timestamp formats AWS protocols use, formatted without `DateFormatter` (which is slow
/// and not cheap to share across threads) because they sit on every response.
public enum AWSTimestamp {
    /// ISO 8601 with milliseconds, as S3's XML bodies carry it: `2009-10-12T17:50:30.000Z`.
    public static func iso8601(_ date: Date) -> String {
        let (parts, millis) = breakDown(date)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(millis, 3))Z"
    }

    /// RFC 7231 HTTP date, as `Last-Modified` carries it: `Wed, 12 Oct 2009 17:50:00 GMT`.
    public static func httpDate(_ date: Date) -> String {
        let (parts, _) = breakDown(date)
        return "\(weekdays[Int(parts.tm_wday)]), \(pad(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(pad(parts.tm_year + 1900, 4)) \(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) GMT"
    }

    /// Parses an HTTP date in any of the three forms RFC 7231 requires recipients to accept
    /// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`,
    /// asctime `Sun Nov  6 08:49:37 1994`), or an ISO 8601 timestamp.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == ":" }).map(String.init)
        // Drop the weekday, whatever its spelling.
        guard tokens.count >= 7, tokens[0].first?.isLetter == true else { return parseISO8601(text) }
        let fields = Array(tokens.dropFirst())
        var day: Int?, month: Int?, year: Int?, clock: [Int] = []
        if let monthIndex = months.firstIndex(of: fields[0]) {
            // asctime: month day hh mm ss year
            month = monthIndex; day = Int(fields[1]); clock = fields[2...4].compactMap { Int($0) }; year = Int(fields[5])
        } else {
            day = Int(fields[0]); month = months.firstIndex(of: fields[1]); year = Int(fields[2])
            clock = fields[3...5].compactMap { Int($0) }
            if let short = year, fields[2].count == 2 { year = short < 70 ? 2000 + short : 1900 + short }
        }
        guard let day, let month, let year, clock.count == 3 else { return nil }
        return makeDate(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
    }

    /// Parses `2013-05-24T00:00:00Z`, `20130524T000000Z` or the form with fractional seconds.
    public static func parseISO8601(_ text: String) -> Date? {
        let digits = text.filter(\.isNumber)
        guard text.hasSuffix("Z"), text.contains("T"), digits.count >= 14 else { return nil }
        let bytes = Array(digits.utf8).map { Int($0 - UInt8(ascii: "0")) }
        func number(_ start: Int, _ count: Int) -> Int { bytes[start..<(start + count)].reduce(0) { $0 * 10 + $1 } }
        guard let date = makeDate(
            year: number(0, 4), month: number(4, 2), day: number(6, 2),
            hour: number(8, 2), minute: number(10, 2), second: number(12, 2)
        ) else { return nil }
        let fraction = bytes.count > 14 ? Double("0." + digits.dropFirst(14)) ?? 0 : 0
        return date.addingTimeInterval(fraction)
    }

    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int32, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func breakDown(_ date: Date) -> (tm, Int32) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let millis = Int32(((interval - Double(seconds)) * 1000).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (parts, max(0, min(999, millis)))
    }
}
