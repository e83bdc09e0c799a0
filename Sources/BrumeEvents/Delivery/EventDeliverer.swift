import BrumeCore
import BrumeEdge
import Foundation
import Logging
import ServiceLifecycle

/// Drains the outbox: matches each accepted event against the rules of its bus (as they are
/// when it is matched), then delivers each resulting delivery to its target, at least once.
///
/// A failed delivery is retried with backoff under the target's ``RetrySchedule``, also across
/// restarts since both stages are in SQLite. When the schedule gives up, or the target refuses
/// for good, the event goes to the target's dead-letter queue if it has one; otherwise, or if
/// that fails too, it is logged and kept as failed, listed at `/_brume/events/deliveries`.
struct EventDeliverer: Service {
    let store: EventsStore
    let backend: EventsBackend
    let sender: TargetSender
    /// Rung when events are accepted, so they go out at once rather than at the next poll.
    let doorbell: Doorbell
    /// The stack clock: retries are due, and events age, in its time.
    let clock: StackClock
    let logger = Logger(label: "brume.events.delivery")
    /// Attempts at sending to a dead-letter queue before the event is kept as failed.
    static let deadLetterAttempts = 8
    /// Deliveries in flight at once, so one slow target does not hold up the others.
    static let concurrency = 8
    /// The shortest wait between two looks at the outbox when nothing went out, in real seconds.
    static let minimumWait: TimeInterval = 0.25
    /// How long (real seconds) it sleeps with nothing to deliver before it looks again (PutEvents rings it sooner).
    static let idleWait: TimeInterval = 3600

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let routed = await routeAccepted()
            let delivered = await deliverDue()
            if routed == 0, delivered == 0 {
                // Retries come due without a ring: sleep until the first one, or a ring.
                let next = try? await store.nextAttempt()
                guard (try? await cancelWhenGracefulShutdown({
                    await doorbell.wait(untilNext: next, on: clock, minimum: Self.minimumWait, idle: Self.idleWait)
                })) != nil else { break }
            }
        }
    }

    /// Matches accepted events against the rules; returns how many it routed.
    private func routeAccepted() async -> Int {
        guard let accepted = try? await store.acceptedEvents(limit: 64) else { return 0 }
        for event in accepted {
            let deliveries = await backend.match(event)
            do {
                try await store.route(event, into: deliveries)
            } catch {
                logger.error("cannot route event \(event.seq): \(error)")
                return 0
            }
        }
        return accepted.count
    }

    /// Attempts every due delivery, a few at a time; returns how many it attempted. Deliveries to
    /// one FIFO message group go one after the other, so they arrive in the order they were accepted.
    private func deliverDue() async -> Int {
        guard let due = try? await store.dueDeliveries(now: clock.now(), limit: 64), !due.isEmpty else { return 0 }
        var lanes: [[Delivery]] = []
        var laneOfGroup: [String: Int] = [:]
        for delivery in due {
            guard let group = delivery.messageGroupID, delivery.state == .pending else {
                lanes.append([delivery])
                continue
            }
            let key = delivery.targetARN + "\u{0}" + group
            if let lane = laneOfGroup[key] {
                lanes[lane].append(delivery)
            } else {
                laneOfGroup[key] = lanes.count
                lanes.append([delivery])
            }
        }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for lane in lanes {
                if running == Self.concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { for delivery in lane { await attempt(delivery) } }
                running += 1
            }
        }
        return due.count
    }

    private func attempt(_ delivery: Delivery) async {
        var delivery = delivery
        if delivery.state == .deadLetter { delivery.deadLetterAttempts += 1 } else { delivery.attempts += 1 }
        do {
            switch delivery.state {
            case .pending: try await sender.deliver(delivery)
            case .deadLetter: try await sender.deadLetter(delivery, queue: delivery.deadLetterARN ?? "")
            case .failed: return
            }
            try? await store.delivered(delivery.seq)
        } catch {
            await record(error, for: delivery)
        }
    }

    /// What follows a failed attempt: a retry, the dead-letter queue, or giving up.
    private func record(_ error: TargetSender.Failure, for delivery: Delivery) async {
        let now = clock.now()
        if delivery.state == .deadLetter {
            let giveUp = delivery.deadLetterAttempts >= Self.deadLetterAttempts
            if giveUp {
                logger.error("cannot send event \(delivery.eventID) to the dead-letter queue \(delivery.deadLetterARN ?? ""): \(error)")
            }
            let retryAt = now.addingTimeInterval(min(60, pow(2, Double(delivery.deadLetterAttempts - 1))))
            // The target's own error stays the one reported; the dead-letter failure is logged.
            try? await store.failed(delivery, code: delivery.lastErrorCode ?? error.code,
                                    message: giveUp ? "\(delivery.lastError ?? ""); dead-letter queue: \(error)" : delivery.lastError ?? error.message,
                                    state: giveUp ? .failed : .deadLetter, retryAt: retryAt, exhaustedCondition: nil)
            return
        }
        switch delivery.schedule.afterFailure(attempts: delivery.attempts, receivedAt: delivery.receivedAt, now: now, retryable: error.retryable) {
        case .retry(let at):
            try? await store.failed(delivery, code: error.code, message: error.message, state: .pending, retryAt: at, exhaustedCondition: nil)
        case .exhausted(let condition):
            if delivery.deadLetterARN != nil {
                try? await store.failed(delivery, code: error.code, message: error.message, state: .deadLetter, retryAt: now,
                                        exhaustedCondition: condition)
                doorbell.ring()
            } else {
                logger.error("""
                    giving up on event \(delivery.eventID) for target \(delivery.targetID) (\(delivery.targetARN)) of \(delivery.ruleARN) \
                    after \(delivery.attempts) attempts: \(error)
                    """)
                try? await store.failed(delivery, code: error.code, message: error.message, state: .failed, retryAt: now,
                                        exhaustedCondition: condition)
            }
        }
    }
}
