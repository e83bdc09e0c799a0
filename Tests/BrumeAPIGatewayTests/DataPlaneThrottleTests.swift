@testable import BrumeAPIGateway
import BrumeGatewayRules
import Foundation
import Testing

@Suite("Data plane throttling and quotas, on a clock the tests move")
struct DataPlaneThrottleTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("A bucket lets a burst through, then refills at its rate")
    func bucket() {
        var bucket = TokenBucket(rate: 2, burst: 3)
        var results: [Bool] = []
        for offset in [0, 0, 0, 0, 0.4, 0.5] { results.append(bucket.take(at: start.addingTimeInterval(offset))) }
        #expect(results == [true, true, true, false, false, true])
        // A long pause refills to the burst, no more.
        results = []
        for _ in 0..<4 { results.append(bucket.take(at: start.addingTimeInterval(100))) }
        #expect(results == [true, true, true, false])
    }

    @Test("A request passes only when every scope has a token, and a refusal costs the others nothing")
    func layered() {
        let throttles = Throttles()
        let key = (scope: "key", limit: ThrottleLimit(rate: 0, burst: 5))
        let method = (scope: "method", limit: ThrottleLimit(rate: 0, burst: 1))
        #expect(throttles.admit([key, method], at: start))
        #expect(!throttles.admit([key, method], at: start))
        // The key's bucket lost only one token: four more calls of another method pass.
        #expect((0..<4).allSatisfy { _ in throttles.admit([key], at: start) })
        #expect(!throttles.admit([key], at: start))
        // A changed limit starts a fresh bucket.
        #expect(throttles.admit([(scope: "key", limit: ThrottleLimit(rate: 0, burst: 6))], at: start))
    }

    @Test("Quota periods start at UTC midnight, on Sunday and on the first, moved by the offset")
    func periods() {
        // 2023-11-14T22:13:20Z is a Tuesday.
        let date = start
        #expect(QuotaPeriod.day(QuotaPeriod.day.start(of: date)) == "2023-11-14")
        #expect(QuotaPeriod.day(QuotaPeriod.week.start(of: date)) == "2023-11-12")
        #expect(QuotaPeriod.day(QuotaPeriod.week.start(of: date, offset: 1)) == "2023-11-13")
        #expect(QuotaPeriod.day(QuotaPeriod.week.start(of: date, offset: 3)) == "2023-11-08")
        #expect(QuotaPeriod.day(QuotaPeriod.month.start(of: date)) == "2023-11-01")
        #expect(QuotaPeriod.day(QuotaPeriod.month.start(of: date, offset: 20)) == "2023-10-21")
        #expect(QuotaPeriod.week.days(upTo: date) == "2023-11-12"..."2023-11-14")
        #expect(QuotaPeriod.day(QuotaPeriod.day.start(of: date, offset: 5)) == "2023-11-14")
    }
}
