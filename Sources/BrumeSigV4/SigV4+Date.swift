public import Foundation

extension SigV4 {
    /// Parses an ISO 8601 basic timestamp, `yyyyMMdd'T'HHmmss'Z'`, as used by `X-Amz-Date`.
    ///
    /// Returns `nil` unless the string has exactly that shape and names a real UTC instant.
    /// The parser is allocation-free and needs no `DateFormatter`.
    public static func date(fromAmzDate value: String) -> Date? {
        guard value.utf8.count == 16 else { return nil }
        let bytes = Array(value.utf8)
        guard bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                result = result * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return result
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              UTCCalendar.isValid(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let days = UTCCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Formats a date as `yyyyMMdd'T'HHmmss'Z'` in UTC.
    ///
    /// Dates outside years 0001...9999 (which this form cannot spell) are clamped to them, so
    /// no clock value, however far it was moved, can trap here.
    public static func amzDate(from date: Date) -> String {
        let parts = UTCCalendar.breakDown(seconds: UTCCalendar.clampedSeconds(date.timeIntervalSince1970))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }
}
