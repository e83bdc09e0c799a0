import Testing
@testable import BrumeLogs

@Suite struct EventBatchTests {
    let now: Int64 = 1_700_000_000_000
    let hour: Int64 = 3_600_000
    let day: Int64 = 86_400_000

    func events(_ timestamps: [Int64], message: String = "m") -> [InputLogEvent] {
        timestamps.map { InputLogEvent(timestamp: $0, message: message) }
    }

    @Test func acceptsAnOrderedBatch() throws {
        let outcome = try EventBatch.validate(events([now - 2, now - 1, now - 1, now]), now: now, retentionDays: nil)
        #expect(outcome == EventBatch.Outcome(accepted: 0..<4, rejected: RejectedLogEvents()))
    }

    @Test func refusesEventsOutOfOrder() {
        #expect(throws: LogsError.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.")) {
            try EventBatch.validate(events([now, now - 1]), now: now, retentionDays: nil)
        }
    }

    @Test func countAndSizeLimits() throws {
        _ = try EventBatch.validate(events(Array(repeating: now, count: 10_000)), now: now, retentionDays: nil)
        #expect(throws: LogsError.self) {
            try EventBatch.validate(events(Array(repeating: now, count: 10_001)), now: now, retentionDays: nil)
        }
        // 1,048,576 bytes exactly, counting 26 per event, is allowed; one more byte is not.
        let fits = [InputLogEvent(timestamp: now, message: String(repeating: "x", count: 1_048_576 - 26))]
        _ = try EventBatch.validate(fits, now: now, retentionDays: nil)
        let tooLarge = [InputLogEvent(timestamp: now, message: String(repeating: "x", count: 1_048_576 - 25))]
        #expect(throws: LogsError.invalidParameter("Upload too large: 1048577 bytes exceeds limit of 1048576")) {
            try EventBatch.validate(tooLarge, now: now, retentionDays: nil)
        }
        #expect(throws: LogsError.self) { try EventBatch.validate([], now: now, retentionDays: nil) }
        #expect(throws: LogsError.self) { try EventBatch.validate(events([now], message: ""), now: now, retentionDays: nil) }
    }

    @Test func tooOldAndTooNewAreReportedNotFailed() throws {
        let batch = events([now - 15 * day, now - 14 * day - 1, now - hour, now, now + 2 * hour + 1, now + 3 * hour])
        let outcome = try EventBatch.validate(batch, now: now, retentionDays: nil)
        #expect(outcome.accepted == 2..<4)
        #expect(outcome.rejected == RejectedLogEvents(tooNewStart: 4, tooOldEnd: 2, expiredEnd: nil))
    }

    @Test func retentionExpiresOlderEvents() throws {
        let outcome = try EventBatch.validate(events([now - 3 * day, now - 2 * day, now]), now: now, retentionDays: 1)
        #expect(outcome.accepted == 2..<3)
        #expect(outcome.rejected == RejectedLogEvents(tooNewStart: nil, tooOldEnd: nil, expiredEnd: 2))
        // A retention longer than 14 days expires nothing the age rule keeps.
        #expect(try EventBatch.validate(events([now - 13 * day, now - 13 * day + hour]), now: now, retentionDays: 30).rejected.isEmpty)
    }

    @Test func everythingRejectedStoresNothing() throws {
        let outcome = try EventBatch.validate(events([now + 3 * hour, now + 4 * hour]), now: now, retentionDays: nil)
        #expect(outcome.accepted.isEmpty)
        #expect(outcome.rejected.tooNewStart == 0)
    }

    @Test func keptEventsMaySpanAtMost24Hours() throws {
        _ = try EventBatch.validate(events([now - 24 * hour, now]), now: now, retentionDays: nil)
        #expect(throws: LogsError.invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")) {
            try EventBatch.validate(events([now - 24 * hour - 1, now]), now: now, retentionDays: nil)
        }
        // Rejected events do not count towards the span.
        _ = try EventBatch.validate(events([now - 20 * day, now - hour, now + 5 * hour]), now: now, retentionDays: nil)
    }
}
