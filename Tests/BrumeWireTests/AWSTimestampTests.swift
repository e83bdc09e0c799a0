import BrumeWire
import Foundation
import Testing

/// Every `AWSTimestamp` parser is total: whatever a client puts in a date header, the answer is a
/// date or `nil`, never a trap (a year of eleven digits once stopped the whole stack).
@Suite("AWS timestamps at the extremes")
struct AWSTimestampTests {
    static let epoch1994 = Date(timeIntervalSince1970: 784_111_777)

    @Test("Unreadable HTTP dates are nil", arguments: [
        "Sun, 06 Nov 99999999999 08:49:37 GMT",
        "Sun, 06 Nov 99999999999999999999999999 08:49:37 GMT",
        "Sun, 06 Nov 10000 08:49:37 GMT",
        "Sun, 06 Nov 0000 08:49:37 GMT",
        "Sun, 06 Nov +994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Thu, 29 Feb 2023 00:00:00 GMT",
        "Thu, 29 Feb 1900 00:00:00 GMT",
        "Sun, 06 Nvember 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun, 06 Nov 1994 08:49:37 GMT trailing",
        "Sun, 06 Nov 1994 ٠٨:49:37 GMT",
        "Sun Nov  6 08:49:37 99999999999",
        "Sun Nov 99999999999999999999 08:49:37 1994",
        "Sunday, 06-Nov-999 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49",
        "Sun, 06 Nov",
        "", " ", ",,,,,,,,", "-------", "a b c d e f g", "yesterday", "0", "-1", "1e309",
        "9223372036854775807", "Sun, 06 Nov 1994 08:49:37 GMT" + String(repeating: "0", count: 100),
        String(repeating: "9", count: 10_000),
    ])
    func unreadableHTTPDates(text: String) {
        #expect(AWSTimestamp.parseHTTPDate(text) == nil)
    }

    @Test("Unreadable ISO 8601 timestamps are nil", arguments: [
        "99999999999-11-06T08:49:37Z", "-1994-11-06T08:49:37Z", "+1994-11-06T08:49:37Z", "0000-01-01T00:00:00Z",
        "1994-13-06T08:49:37Z", "1994-11-31T08:49:37Z", "1994-11-06T24:00:00Z", "1994-11-06T08:49:61Z",
        "1994-11-06T08:49:37", "1994-11-06T08:49:37+00:00", "1994-11-06 08:49:37Z", "1994-11-06T08:49:37.Z",
        "1994-11-06T08:49:37.5xZ", "1994-11-06T08:49Z", "1994-11-06Z", "19941106T084937", "1994-1106T084937Z",
        "١٩٩٤-11-06T08:49:37Z", "Z", "TZ", "", "20130524T000000000000000000000Z",
        "1994-11-06T08:49:37." + String(repeating: "9", count: 10_000) + "Z",
    ])
    func unreadableISO8601(text: String) {
        #expect(AWSTimestamp.parseISO8601(text) == nil)
        #expect(AWSTimestamp.parseHTTPDate(text) == nil)
    }

    /// `-` separates RFC 850's fields, so it is never a sign: `06 Nov -1994` reads as 1994.
    @Test("A dash is a separator, not a sign")
    func dashesSeparate() {
        #expect(AWSTimestamp.parseHTTPDate("Sun, 06 Nov -1994 08:49:37 GMT") == Self.epoch1994)
    }

    @Test("RFC 850 two-digit years pivot at 70")
    func twoDigitYears() {
        #expect(AWSTimestamp.parseHTTPDate("Sunday, 06-Nov-94 08:49:37 GMT") == Self.epoch1994)
        #expect(AWSTimestamp.parseHTTPDate("Thursday, 01-Jan-70 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
        #expect(AWSTimestamp.parseHTTPDate("Tuesday, 31-Dec-69 23:59:59 GMT") == Date(timeIntervalSince1970: 3_155_759_999))
        #expect(AWSTimestamp.parseHTTPDate("Sunday, 06-Nov-1994 08:49:37 GMT") == Self.epoch1994)
    }

    @Test("A leap second is the first second of the next minute")
    func leapSeconds() {
        let newYear2017 = Date(timeIntervalSince1970: 1_483_228_800)
        #expect(AWSTimestamp.parseHTTPDate("Sat, 31 Dec 2016 23:59:60 GMT") == newYear2017)
        #expect(AWSTimestamp.parseISO8601("2016-12-31T23:59:60Z") == newYear2017)
        #expect(AWSTimestamp.parseISO8601("20161231T235960Z") == newYear2017)
    }

    @Test("The first and last instants of four-digit years parse")
    func boundaryYears() {
        #expect(AWSTimestamp.parseHTTPDate("Mon, 01 Jan 0001 00:00:00 GMT") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(AWSTimestamp.parseHTTPDate("Fri, 31 Dec 9999 23:59:59 GMT") == Date(timeIntervalSince1970: 253_402_300_799))
        #expect(AWSTimestamp.parseISO8601("9999-12-31T23:59:59.999Z") == Date(timeIntervalSince1970: 253_402_300_799.999))
        #expect(AWSTimestamp.parseHTTPDate("Thu, 29 Feb 2024 12:00:00 GMT") == Date(timeIntervalSince1970: 1_709_208_000))
        #expect(AWSTimestamp.parseHTTPDate("Tue, 29 Feb 2000 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        #expect(AWSTimestamp.parseHTTPDate("Sun Nov  6 08:49:37 1994") == Self.epoch1994)
        #expect(AWSTimestamp.parseHTTPDate("Sun, 6 Nov 1994 8:49:37 GMT") == Self.epoch1994)
        #expect(AWSTimestamp.parseHTTPDate("Sun, 06 Nov 1994 08:49:37") == Self.epoch1994)
    }

    @Test("ISO 8601 fractions and the basic form parse")
    func iso8601Forms() {
        #expect(AWSTimestamp.parseISO8601("1994-11-06T08:49:37.250Z") == Date(timeIntervalSince1970: 784_111_777.25))
        #expect(AWSTimestamp.parseISO8601("19941106T084937Z") == Self.epoch1994)
        #expect(AWSTimestamp.parseISO8601("19941106T084937,5Z") == Date(timeIntervalSince1970: 784_111_777.5))
        #expect(AWSTimestamp.parseISO8601("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    // Arguments are intervals, not dates: Foundation's `Date.description`, which the test
    // library uses to name a case, itself traps on NaN and on infinite dates.
    @Test("Formatting clamps dates outside years 0001...9999 instead of trapping", arguments: [
        (1e300, "9999-12-31T23:59:59.999Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (.infinity, "9999-12-31T23:59:59.999Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (9.3e18, "9999-12-31T23:59:59.999Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (253_402_300_800, "9999-12-31T23:59:59.999Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (-1e300, "0001-01-01T00:00:00.000Z", "Mon, 01 Jan 0001 00:00:00 GMT"),
        (-.infinity, "0001-01-01T00:00:00.000Z", "Mon, 01 Jan 0001 00:00:00 GMT"),
        (.nan, "1970-01-01T00:00:00.000Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-0.5, "1969-12-31T23:59:59.500Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        (Date.distantFuture.timeIntervalSince1970, "4001-01-01T00:00:00.000Z", "Mon, 01 Jan 4001 00:00:00 GMT"),
        (Date.distantPast.timeIntervalSince1970, "0001-01-01T00:00:00.000Z", "Mon, 01 Jan 0001 00:00:00 GMT"),
    ])
    func formattingExtremes(interval: TimeInterval, iso: String, http: String) {
        let date = Date(timeIntervalSince1970: interval)
        #expect(AWSTimestamp.iso8601(date) == iso)
        #expect(AWSTimestamp.httpDate(date) == http)
    }

    @Test("Formatting and parsing round-trip across the calendar", arguments: [
        -62_135_596_800, -2_208_988_800, -1, 0, 68_169_600, 951_782_400, 1_709_208_000, 4_102_444_800, 253_402_300_799,
    ])
    func roundTrips(seconds: Int) {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(AWSTimestamp.parseHTTPDate(AWSTimestamp.httpDate(date)) == date)
        #expect(AWSTimestamp.parseISO8601(AWSTimestamp.iso8601(date)) == date)
    }
}
