@testable import BrumeEvents
import Foundation
import Testing

@Suite struct RetryScheduleTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func backsOffExponentiallyUpToAMinute() {
        let schedule = RetrySchedule()
        #expect(schedule.afterFailure(attempts: 1, receivedAt: start, now: start, retryable: true) == .retry(at: start.addingTimeInterval(1)))
        #expect(schedule.afterFailure(attempts: 3, receivedAt: start, now: start, retryable: true) == .retry(at: start.addingTimeInterval(4)))
        #expect(schedule.afterFailure(attempts: 20, receivedAt: start, now: start, retryable: true) == .retry(at: start.addingTimeInterval(60)))
    }

    @Test func stopsAfterTheRetryAttempts() {
        let schedule = RetrySchedule(maximumRetryAttempts: 2)
        #expect(schedule.afterFailure(attempts: 2, receivedAt: start, now: start, retryable: true) == .retry(at: start.addingTimeInterval(2)))
        #expect(schedule.afterFailure(attempts: 3, receivedAt: start, now: start, retryable: true) == .exhausted(condition: "MaximumRetryAttempts"))
        #expect(RetrySchedule(maximumRetryAttempts: 0).afterFailure(attempts: 1, receivedAt: start, now: start, retryable: true)
            == .exhausted(condition: "MaximumRetryAttempts"))
    }

    @Test func stopsWhenTheNextAttemptWouldBeTooOld() {
        let schedule = RetrySchedule(maximumEventAge: 60)
        let late = start.addingTimeInterval(59.5)
        #expect(schedule.afterFailure(attempts: 1, receivedAt: start, now: late, retryable: true) == .exhausted(condition: "MaximumEventAgeInSeconds"))
    }

    @Test func permanentErrorsAreNotRetried() {
        #expect(RetrySchedule().afterFailure(attempts: 1, receivedAt: start, now: start, retryable: false) == .exhausted(condition: nil))
    }
}
