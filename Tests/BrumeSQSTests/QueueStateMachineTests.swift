@testable import BrumeSQS
import Testing

/// The queue's rules in virtual time: every test moves `now` by hand, nothing sleeps.
@Suite("Queue state machine")
struct QueueStateMachineTests {
    static func draft(_ body: String, group: String? = nil, dedup: String? = nil, delay: Int = 0) -> MessageDraft {
        MessageDraft(
            body: body, md5OfBody: MessageDigest.body(body), messageAttributes: [:], md5OfMessageAttributes: nil,
            systemAttributes: [:], md5OfMessageSystemAttributes: nil, senderID: "test", delaySeconds: delay,
            groupID: group, deduplicationID: dedup
        )
    }

    final class Tokens {
        var next = 0
        func make() -> String {
            next += 1
            return "t\(next)"
        }
    }

    var ids = 0
    let tokens = Tokens()

    func send(_ queue: inout QueueStateMachine, _ draft: MessageDraft, at now: Int64, scope: DeduplicationScope = .queue) -> SendOutcome {
        queue.send(draft, scope: scope, now: now, messageID: { "id-\(draft.body)" })
    }

    func receive(_ queue: inout QueueStateMachine, max: Int = 10, visibility: Int64 = 30_000, at now: Int64,
                 attempt: String? = nil, maxReceiveCount: Int? = nil) -> ReceiveOutcome {
        queue.receive(maxCount: max, visibilityTimeout: visibility, now: now, attemptID: attempt,
                      maxReceiveCount: maxReceiveCount, token: tokens.make)
    }

    func handle(_ message: QueueMessage, in queue: QueueStateMachine) -> ReceiptHandle {
        ReceiptHandle(queueID: queue.queueID, sequence: message.sequence, token: message.receiptToken!)
    }

    // MARK: Visibility

    @Test func receivedMessageIsHiddenUntilItsVisibilityTimeoutEnds() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("a"), at: 0)
        let first = receive(&queue, visibility: 30_000, at: 1_000)
        #expect(first.messages.map(\.body) == ["a"])
        #expect(first.messages[0].receiveCount == 1 && first.messages[0].firstReceiveTimestamp == 1_000)
        #expect(receive(&queue, at: 30_999).messages.isEmpty)
        let again = receive(&queue, at: 31_000)
        #expect(again.messages.map(\.body) == ["a"])
        #expect(again.messages[0].receiveCount == 2)
        #expect(again.messages[0].firstReceiveTimestamp == 1_000)
        #expect(again.messages[0].receiptToken != first.messages[0].receiptToken)
    }

    @Test func delayedMessageIsCountedAsDelayedThenDelivered() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("late", delay: 5), at: 0)
        #expect(queue.counts(now: 100) == MessageCounts(visible: 0, inFlight: 0, delayed: 1))
        #expect(receive(&queue, at: 4_999).messages.isEmpty)
        #expect(queue.nextDeadline == 5_000)
        #expect(receive(&queue, at: 5_000).messages.map(\.body) == ["late"])
        #expect(queue.counts(now: 5_000) == MessageCounts(visible: 0, inFlight: 1, delayed: 0))
    }

    @Test func changeVisibilityToZeroMakesTheMessageAvailableAtOnce() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("a"), at: 0)
        let message = receive(&queue, at: 0).messages[0]
        _ = try queue.changeVisibility(handle(message, in: queue), timeout: 0, now: 10)
        #expect(receive(&queue, at: 10).messages.map(\.body) == ["a"])
    }

    @Test func changeVisibilityAfterTheTimeoutEndedSucceedsAndChangesNothing() throws {
        // SQS answers OK while nobody received the message since, and the message stays visible.
        for fifo in [false, true] {
            var queue = QueueStateMachine(queueID: 1, isFIFO: fifo)
            _ = send(&queue, Self.draft("a", group: fifo ? "g" : nil, dedup: fifo ? "a" : nil), at: 0)
            let message = receive(&queue, visibility: 1_000, at: 0).messages[0]
            #expect(try queue.changeVisibility(handle(message, in: queue), timeout: 10_000, now: 2_000) == nil)
            #expect(receive(&queue, at: 2_001).messages.map(\.body) == ["a"])
        }
    }

    @Test func standardQueueTakesAnEarlierHandleForAVisibilityChange() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("a"), at: 0)
        let first = receive(&queue, visibility: 0, at: 0).messages[0]
        #expect(receive(&queue, visibility: 3_000, at: 1).messages.count == 1)
        _ = try queue.changeVisibility(handle(first, in: queue), timeout: 0, now: 2)
        #expect(receive(&queue, at: 2).messages.map(\.body) == ["a"])
    }

    @Test func fifoRefusesAVisibilityChangeWithAnEarlierHandle() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        _ = send(&queue, Self.draft("a", group: "g", dedup: "a"), at: 0)
        let first = receive(&queue, visibility: 0, at: 0).messages[0]
        #expect(receive(&queue, visibility: 3_000, at: 1).messages.count == 1)
        #expect(throws: SQSError.invalidParameterValue(
            "Value \(handle(first, in: queue).encoded) for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
        )) {
            _ = try queue.changeVisibility(handle(first, in: queue), timeout: 0, now: 2)
        }
    }

    @Test func changeVisibilityOfADeletedMessageIsInvalid() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("a"), at: 0)
        let message = receive(&queue, at: 0).messages[0]
        _ = try queue.delete(handle(message, in: queue), now: 1)
        #expect(throws: SQSError.self) { _ = try queue.changeVisibility(handle(message, in: queue), timeout: 10, now: 2) }
    }

    @Test func deleteIsIdempotentAndNeverUndone() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("a"), at: 0)
        let message = receive(&queue, at: 0).messages[0]
        #expect(try queue.delete(handle(message, in: queue), now: 1)?.body == "a")
        #expect(try queue.delete(handle(message, in: queue), now: 2) == nil)
        #expect(receive(&queue, at: 100_000).messages.isEmpty)
        #expect(queue.counts(now: 100_000) == MessageCounts())
    }

    @Test func aHandleFromAnotherQueueIsInvalid() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        let foreign = ReceiptHandle(queueID: 2, sequence: 1, token: "x")
        #expect(throws: SQSError.self) { _ = try queue.delete(foreign, now: 0) }
    }

    @Test func retentionExpiresOldMessages() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("old"), at: 0)
        _ = send(&queue, Self.draft("new"), at: 50_000)
        #expect(queue.expire(now: 60_000, retention: 60_000).count == 1)
        #expect(receive(&queue, at: 60_000).messages.map(\.body) == ["new"])
    }

    @Test func redriveHandsBackMessagesPastTheReceiveLimit() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("poison"), at: 0)
        for round in 0..<2 {
            let now = Int64(round) * 1_000
            #expect(receive(&queue, visibility: 1_000, at: now, maxReceiveCount: 2).messages.count == 1)
        }
        let third = receive(&queue, visibility: 1_000, at: 2_000, maxReceiveCount: 2)
        #expect(third.messages.isEmpty)
        #expect(third.deadLettered.map(\.body) == ["poison"])
        #expect(third.deadLettered[0].receiveCount == 2)
        #expect(queue.messages.isEmpty)
    }

    // MARK: FIFO

    @Test func fifoDeliversInOrderWithinAGroupAndLocksTheGroupWhileInFlight() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for body in ["a1", "a2", "a3"] { _ = send(&queue, Self.draft(body, group: "a", dedup: body), at: 0) }
        _ = send(&queue, Self.draft("b1", group: "b", dedup: "b1"), at: 0)
        let first = receive(&queue, max: 2, at: 1)
        #expect(first.messages.map(\.body) == ["a1", "a2"])
        // Group a is locked while a1 and a2 are in flight; b is free.
        let second = receive(&queue, max: 10, at: 2)
        #expect(second.messages.map(\.body) == ["b1"])
        #expect(receive(&queue, at: 3).messages.isEmpty)
        // Deleting a1 alone keeps the lock: a2 is still in flight.
        _ = try queue.delete(handle(first.messages[0], in: queue), now: 4)
        #expect(receive(&queue, at: 5).messages.isEmpty)
        _ = try queue.delete(handle(first.messages[1], in: queue), now: 6)
        #expect(receive(&queue, at: 7).messages.map(\.body) == ["a3"])
    }

    @Test func fifoGroupOpensForItsOldestMessageWhenThatMessageAloneIsReleased() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for (body, group) in [("g1-m1", "g1"), ("g1-m2", "g1"), ("g2-m1", "g2")] {
            _ = send(&queue, Self.draft(body, group: group, dedup: body), at: 0)
        }
        let first = receive(&queue, max: 2, visibility: 30_000, at: 1)
        #expect(first.messages.map(\.body) == ["g1-m1", "g1-m2"])
        // g1-m2 is still in flight: releasing g1-m1 serves it alone, after the group that waited.
        _ = try queue.changeVisibility(handle(first.messages[0], in: queue), timeout: 0, now: 2)
        #expect(receive(&queue, max: 3, at: 3).messages.map(\.body) == ["g2-m1", "g1-m1"])
    }

    @Test func fifoGroupStaysLockedWhileItsOldestMessageIsInFlight() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for body in ["1", "2", "3"] { _ = send(&queue, Self.draft(body, group: "g", dedup: body), at: 0) }
        let first = receive(&queue, max: 2, visibility: 30_000, at: 1)
        // Releasing the later message does not open the group: the oldest one is still held.
        _ = try queue.changeVisibility(handle(first.messages[1], in: queue), timeout: 0, now: 2)
        #expect(receive(&queue, at: 3).messages.isEmpty)
        // A longer timeout on the oldest one moves when the group opens again.
        _ = try queue.changeVisibility(handle(first.messages[0], in: queue), timeout: 60_000, now: 4)
        #expect(receive(&queue, at: 30_001).messages.isEmpty)
        #expect(receive(&queue, at: 60_004).messages.map(\.body) == ["1", "2", "3"])
    }

    @Test func fifoServesGroupsByWhenTheirOldestMessageBecameVisible() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for (index, (body, group)) in [("g1-m1", "g1"), ("g2-m1", "g2"), ("g2-m2", "g2"), ("g3-m1", "g3"), ("g1-m2", "g1")].enumerated() {
            _ = send(&queue, Self.draft(body, group: group, dedup: body), at: Int64(index))
        }
        // VisibilityTimeout 0: the messages are visible again at once, from the moment of this receive.
        #expect(receive(&queue, max: 3, visibility: 0, at: 10).messages.map(\.body) == ["g1-m1", "g1-m2", "g2-m1"])
        #expect(receive(&queue, max: 10, visibility: 0, at: 11).messages.map(\.body)
            == ["g3-m1", "g1-m1", "g1-m2", "g2-m1", "g2-m2"])
    }

    @Test func fifoAfterDeletesServesTheGroupWhoseOldestMessageIsOldest() throws {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        let sends = [("g1-m1", "g1"), ("g2-m1", "g2"), ("g1-m2", "g1"), ("g2-m2", "g2"), ("g1-m3", "g1"), ("g1-m4", "g1"), ("g3-m1", "g3")]
        for (index, (body, group)) in sends.enumerated() { _ = send(&queue, Self.draft(body, group: group, dedup: body), at: Int64(index)) }
        let first = receive(&queue, max: 2, at: 10)
        for message in first.messages { _ = try queue.delete(handle(message, in: queue), now: 11) }
        #expect(receive(&queue, max: 10, at: 12).messages.map(\.body) == ["g2-m1", "g2-m2", "g1-m3", "g1-m4", "g3-m1"])
    }

    @Test func purgeForgetsDeduplicationIds() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        _ = send(&queue, Self.draft("1", group: "g", dedup: "d"), at: 0)
        #expect(queue.purge() == 1)
        #expect(queue.deduplication.isEmpty)
        guard case .enqueued = send(&queue, Self.draft("2", group: "g", dedup: "d"), at: 1) else {
            Issue.record("after a purge the id is new again")
            return
        }
    }

    @Test func standardQueueKeepsTheMessageGroup() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: false)
        _ = send(&queue, Self.draft("tenant", group: "customer-1"), at: 0)
        #expect(receive(&queue, at: 0).messages.map(\.groupID) == ["customer-1"])
    }

    @Test func fifoRedeliversTheSameHeadAfterAVisibilityTimeout() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for body in ["1", "2"] { _ = send(&queue, Self.draft(body, group: "g", dedup: body), at: 0) }
        #expect(receive(&queue, max: 1, visibility: 1_000, at: 0).messages.map(\.body) == ["1"])
        #expect(receive(&queue, max: 10, at: 500).messages.isEmpty)
        #expect(receive(&queue, max: 10, visibility: 1_000, at: 1_000).messages.map(\.body) == ["1", "2"])
    }

    @Test func fifoDeduplicatesWithinFiveMinutes() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        guard case .enqueued(let first, _) = send(&queue, Self.draft("x", group: "g", dedup: "d"), at: 0) else {
            Issue.record("first send must enqueue")
            return
        }
        guard case .duplicate(let record) = send(&queue, Self.draft("y", group: "g", dedup: "d"), at: 299_999) else {
            Issue.record("a resend within the window is a duplicate")
            return
        }
        #expect(record.messageID == first.messageID && record.sequenceNumber == first.sequenceNumber)
        #expect(queue.messages.count == 1)
        guard case .enqueued(let later, _) = send(&queue, Self.draft("z", group: "g", dedup: "d"), at: 300_000) else {
            Issue.record("after the window the id is new again")
            return
        }
        #expect(later.sequenceNumber! > first.sequenceNumber!)
    }

    @Test func messageGroupScopeDeduplicatesPerGroup() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        _ = send(&queue, Self.draft("x", group: "a", dedup: "d"), at: 0, scope: .messageGroup)
        if case .duplicate = send(&queue, Self.draft("x", group: "b", dedup: "d"), at: 1, scope: .messageGroup) {
            Issue.record("another group may reuse the id")
        }
        if case .enqueued = send(&queue, Self.draft("x", group: "a", dedup: "d"), at: 2, scope: .messageGroup) {
            Issue.record("the same group may not")
        }
        #expect(queue.messages.count == 2)
    }

    @Test func receiveRequestAttemptIdReplaysTheSameMessagesAndHandles() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        for body in ["1", "2", "3"] { _ = send(&queue, Self.draft(body, group: "g", dedup: body), at: 0) }
        let first = receive(&queue, max: 2, visibility: 10_000, at: 0, attempt: "try-1")
        let replay = receive(&queue, max: 2, visibility: 10_000, at: 5_000, attempt: "try-1")
        #expect(replay.messages.map(\.body) == first.messages.map(\.body))
        #expect(replay.messages.map(\.receiptToken) == first.messages.map(\.receiptToken))
        // The replay restarted the visibility timeout.
        #expect(replay.messages.allSatisfy { $0.visibleAt == 15_000 })
        #expect(receive(&queue, at: 12_000, attempt: "try-2").messages.isEmpty)
    }

    @Test func fifoExpiredHandleCannotDelete() {
        var queue = QueueStateMachine(queueID: 1, isFIFO: true)
        _ = send(&queue, Self.draft("1", group: "g", dedup: "1"), at: 0)
        let message = receive(&queue, visibility: 1_000, at: 0).messages[0]
        #expect(throws: SQSError.self) { _ = try queue.delete(handle(message, in: queue), now: 1_000) }
    }

    @Test func sequenceNumbersGrowAsDecimalStringsOfOneWidth() {
        let numbers = [1, 9, 10, 99_999].map { QueueStateMachine.sequenceNumber(Int64($0)) }
        #expect(numbers == numbers.sorted())
        #expect(Set(numbers.map(\.count)).count == 1)
    }

    @Test func restoringRebuildsGroupsAndVisibility() {
        var original = QueueStateMachine(queueID: 1, isFIFO: true)
        for body in ["1", "2"] { _ = send(&original, Self.draft(body, group: "g", dedup: body), at: 0) }
        _ = receive(&original, max: 1, visibility: 10_000, at: 0)
        var restored = QueueStateMachine(queueID: 1, isFIFO: true)
        for message in original.messages.values.sorted(by: { $0.sequence > $1.sequence }) { restored.restore(message, now: 1_000) }
        restored.finishRestoring()
        // "1" is still in flight after the restart, so its group stays locked until 10 s.
        #expect(receive(&restored, at: 9_999).messages.isEmpty)
        #expect(receive(&restored, at: 10_000).messages.map(\.body) == ["1", "2"])
        if case .enqueued(let message, _) = restored.send(Self.draft("3", group: "g", dedup: "3"), scope: .queue, now: 10_001, messageID: { "x" }) {
            #expect(message.sequence == 3)
        }
    }
}
