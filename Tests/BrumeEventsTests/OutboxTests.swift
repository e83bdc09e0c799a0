@testable import BrumeEvents
import Foundation
import Testing

@Suite struct OutboxTests {
    func temporaryStore() throws -> (EventsStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brume-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try EventsStore(folder: folder), folder)
    }

    let bus = BusKey(account: "000000000000", region: "us-east-1", name: "default")

    func delivery(_ event: AcceptedEvent, target: String) -> Delivery {
        Delivery(eventID: "e", event: event.event, ruleARN: "arn:aws:events:us-east-1:000000000000:rule/r", targetID: target,
                 targetARN: "arn:aws:sqs:us-east-1:000000000000:q", input: event.event, schedule: RetrySchedule(), receivedAt: event.receivedAt)
    }

    @Test func acceptedEventsSurviveReopeningUntilRouted() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.accept([(bus, #"{"id":"1"}"#), (bus, #"{"id":"2"}"#)], at: now)
        let reopened = try EventsStore(folder: folder)
        let accepted = try await reopened.acceptedEvents(limit: 10)
        #expect(accepted.map(\.event) == [#"{"id":"1"}"#, #"{"id":"2"}"#])
        try await reopened.route(accepted[0], into: [delivery(accepted[0], target: "a"), delivery(accepted[0], target: "b")])
        #expect(try await reopened.acceptedEvents(limit: 10).map(\.event) == [#"{"id":"2"}"#])
        #expect(try await reopened.dueDeliveries(now: now, limit: 10).map(\.targetID) == ["a", "b"])
    }

    @Test func failedDeliveriesWaitForTheirRetryAndFailedOnesAreKept() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.accept([(bus, "{}")], at: now)
        let event = try #require(try await store.acceptedEvents(limit: 1).first)
        try await store.route(event, into: [delivery(event, target: "a"), delivery(event, target: "b")])
        var due = try await store.dueDeliveries(now: now, limit: 10)
        due[0].attempts = 1
        try await store.failed(due[0], code: "HTTP500", message: "down", state: .pending, retryAt: now.addingTimeInterval(5), exhaustedCondition: nil)
        due[1].attempts = 1
        try await store.failed(due[1], code: "QueueDoesNotExist", message: "gone", state: .failed, retryAt: now, exhaustedCondition: nil)
        #expect(try await store.dueDeliveries(now: now, limit: 10).isEmpty)
        #expect(try await store.dueDeliveries(now: now.addingTimeInterval(5), limit: 10).map(\.targetID) == ["a"])
        let kept = try await store.undelivered().deliveries
        #expect(kept.map(\.state) == [.pending, .failed])
        #expect(kept[1].lastErrorCode == "QueueDoesNotExist")
        try await store.delivered(kept[0].seq)
        #expect(try await store.undelivered().deliveries.count == 1)
    }
}
