import BrumeSigV4
import Foundation
import Testing

/// `X-Amz-Date` parsing and formatting never trap, whatever the header or the clock says.
@Suite("SigV4 dates at the extremes")
struct SigV4DateExtremesTests {
    @Test("Unreadable X-Amz-Date values are nil", arguments: [
        "00000101T000000Z", "99999999T999999Z", "-9991231T235959Z", "+0130524T000000Z", "20130524T000060Z",
        "20130524T006000Z", "２０１３0524T000000Z", "20130524T000000Z ", "99999999999999999999999T000000Z",
        String(repeating: "9", count: 10_000),
    ])
    func unreadable(text: String) {
        #expect(SigV4.date(fromAmzDate: text) == nil)
    }

    // Intervals, not dates: `Date.description`, which names a test case, traps on NaN.
    @Test("Formatting clamps to years 0001...9999", arguments: [
        (1e300, "99991231T235959Z"),
        (.infinity, "99991231T235959Z"),
        (9.3e18, "99991231T235959Z"),
        (-1e300, "00010101T000000Z"),
        (.nan, "19700101T000000Z"),
        (Date.distantFuture.timeIntervalSince1970, "40010101T000000Z"),
    ])
    func clamped(interval: TimeInterval, text: String) {
        #expect(SigV4.amzDate(from: Date(timeIntervalSince1970: interval)) == text)
    }

    @Test("The last and first four-digit instants round-trip")
    func boundaries() {
        #expect(SigV4.date(fromAmzDate: "99991231T235959Z") == Date(timeIntervalSince1970: 253_402_300_799))
        #expect(SigV4.date(fromAmzDate: "00010101T000000Z") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(SigV4.amzDate(from: Date(timeIntervalSince1970: -62_135_596_800)) == "00010101T000000Z")
    }
}
