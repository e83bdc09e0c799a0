import Testing

@testable import BrumeStates

@Suite("Step Functions timestamps")
struct StatesTimestampTests {
    @Test("accepted forms", arguments: [
        ("2016-03-14T01:59:00Z", 1_457_920_740, 0),
        ("2016-03-14T01:59:00.5Z", 1_457_920_740, 500_000_000),
        ("2016-03-14T01:59:00.123456789Z", 1_457_920_740, 123_456_789),
        ("2016-03-14T01:59:00.1234567891Z", 1_457_920_740, 123_456_789),
        ("2016-03-14T02:59:00+01:00", 1_457_920_740, 0),
        ("2016-03-13T20:29:00-05:30", 1_457_920_740, 0),
        ("2016-03-14T01:59:00+00:00", 1_457_920_740, 0),
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1969-12-31T23:59:59.75Z", -1, 750_000_000),
        ("2000-02-29T00:00:00Z", 951_782_400, 0),
        ("9999-12-31T23:59:59Z", 253_402_300_799, 0),
    ] as [(String, Int64, Int32)])
    func accepted(text: String, seconds: Int64, nanoseconds: Int32) {
        #expect(StatesTimestamp(text) == StatesTimestamp(epochSeconds: seconds, nanoseconds: nanoseconds))
    }

    @Test("rejected forms", arguments: [
        "2016-03-14t01:59:00Z",      // lowercase t
        "2016-03-14T01:59:00z",      // lowercase z
        "2016-03-14 01:59:00Z",      // space separator
        "2016-03-14T01:59Z",         // no seconds
        "2016-03-14T01:59:00",       // no offset
        "2016-03-14",                // date only
        "2016-03-14T01:59:00+0100",  // offset without colon
        "2016-03-14T01:59:00+01",    // offset without minutes
        "2016-03-14T01:59:00.Z",     // empty fraction
        "2016-03-14T01:59:00,5Z",    // comma fraction
        "2016-3-14T01:59:00Z",       // short month
        "2016-02-30T00:00:00Z",      // no such day
        "2015-02-29T00:00:00Z",      // not a leap year
        "2016-13-01T00:00:00Z",
        "2016-03-14T24:00:00Z",
        "2016-03-14T23:60:00Z",
        "2016-12-31T23:59:60Z",      // leap second
        "2016-03-14T01:59:00Z ",     // trailing text
        " 2016-03-14T01:59:00Z",
        "2016-W11-1T01:59:00Z",      // week date
        "",
    ])
    func rejected(text: String) {
        #expect(StatesTimestamp(text) == nil)
    }

    @Test func comparesByInstant() throws {
        let utc = try #require(StatesTimestamp("2016-03-14T01:59:00Z"))
        let paris = try #require(StatesTimestamp("2016-03-14T02:59:00+01:00"))
        let later = try #require(StatesTimestamp("2016-03-14T01:59:00.001Z"))
        #expect(utc == paris)
        #expect(utc < later)
        #expect(!(later < paris))
    }

    @Test func descriptionIsUTC() {
        #expect(StatesTimestamp("2016-03-14T02:59:00+01:00")?.description == "2016-03-14T01:59:00Z")
        #expect(StatesTimestamp("2016-03-14T01:59:00.250Z")?.description == "2016-03-14T01:59:00.25Z")
        #expect(StatesTimestamp("1969-12-31T23:59:59.75Z")?.description == "1969-12-31T23:59:59.75Z")
    }

    @Test func waitTruncatesTheFraction() {
        #expect(StatesTimestamp("2016-03-14T01:59:00.999Z")?.truncatedToSecond == StatesTimestamp("2016-03-14T01:59:00Z"))
        #expect(StatesTimestamp("1969-12-31T23:59:59.75Z")?.truncatedToSecond == StatesTimestamp("1969-12-31T23:59:59Z"))
    }

    @Test func epochMilliseconds() {
        #expect(StatesTimestamp("1970-01-01T00:00:01.999Z")?.epochMilliseconds == 1999)
    }

    @Test func calendarRoundTrips() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = StatesTimestamp.civil(fromDays: days)
            #expect(StatesTimestamp.days(year: year, month: month, day: day) == days)
        }
    }
}
