import Foundation
import GRDB

/// An accepted event not yet matched against the rules of its bus.
struct AcceptedEvent: Sendable, Equatable {
    var seq: Int64
    var bus: BusKey
    /// The event's JSON text.
    var event: String
    var receivedAt: Date
}

/// A matched event on its way to one target.
struct Delivery: Sendable, Equatable {
    enum State: String, Sendable {
        /// To the target.
        case pending
        /// To the target's dead-letter queue, the target having refused it for good.
        case deadLetter = "dead-letter"
        /// Given up; kept and listed at `/_brume/events/deliveries`.
        case failed
    }

    var seq: Int64 = 0
    var eventID: String
    /// The whole event, which a dead-letter queue receives.
    var event: String
    var ruleARN: String
    var targetID: String
    var targetARN: String
    /// What the target receives: the event, or its `Input`, `InputPath` or `InputTransformer` result.
    var input: String
    var messageGroupID: String?
    var deadLetterARN: String?
    var schedule: RetrySchedule
    var receivedAt: Date
    /// Attempts at the target.
    var attempts = 0
    /// Attempts at the dead-letter queue.
    var deadLetterAttempts = 0
    var state = State.pending
    var lastErrorCode: String?
    var lastError: String?
    var exhaustedCondition: String?
}

/// The two-stage outbox: PutEvents writes accepted events; the deliverer replaces each with one
/// delivery per matching target in one transaction, and removes a delivery once it is done.
extension EventsStore {
    /// Stores accepted events; committed before PutEvents answers.
    func accept(_ events: [(bus: BusKey, event: String)], at now: Date) async throws {
        guard !events.isEmpty else { return }
        try await database.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO event_outbox (account, region, bus, event, received_at) VALUES (?, ?, ?, ?, ?)"
            )
            for event in events {
                try insert.execute(arguments: [event.bus.account, event.bus.region, event.bus.name, event.event, now.timeIntervalSince1970])
            }
        }
    }

    /// Accepted events not matched yet, oldest first.
    func acceptedEvents(limit: Int) async throws -> [AcceptedEvent] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM event_outbox ORDER BY seq LIMIT ?", arguments: [limit]).map { row in
                AcceptedEvent(
                    seq: row["seq"], bus: BusKey(account: row["account"], region: row["region"], name: row["bus"]), event: row["event"],
                    receivedAt: Date(timeIntervalSince1970: row["received_at"])
                )
            }
        }
    }

    /// Replaces an accepted event with its deliveries, atomically: a crash leaves either the
    /// event (matched again at the next start) or its deliveries, never neither.
    func route(_ event: AcceptedEvent, into deliveries: [Delivery]) async throws {
        try await database.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO deliveries (event_id, event, rule_arn, target_id, target_arn, input, message_group_id, dead_letter_arn,
                    max_retry_attempts, max_event_age, received_at, next_attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for delivery in deliveries {
                try insert.execute(arguments: [
                    delivery.eventID, delivery.event, delivery.ruleARN, delivery.targetID, delivery.targetARN, delivery.input,
                    delivery.messageGroupID, delivery.deadLetterARN, delivery.schedule.maximumRetryAttempts,
                    delivery.schedule.maximumEventAge, delivery.receivedAt.timeIntervalSince1970, delivery.receivedAt.timeIntervalSince1970,
                ])
            }
            try db.execute(sql: "DELETE FROM event_outbox WHERE seq = ?", arguments: [event.seq])
        }
    }

    /// When the next delivery is due for an attempt, in stack time: the distant past (at once)
    /// while accepted events wait to be routed, nil when there is nothing left to do.
    func nextAttempt() async throws -> Date? {
        try await database.read { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event_outbox)") == true { return .distantPast }
            return try Double.fetchOne(db, sql: "SELECT MIN(next_attempt) FROM deliveries WHERE state IN ('pending', 'dead-letter')")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Deliveries due for an attempt (to their target or their dead-letter queue), oldest first.
    func dueDeliveries(now: Date, limit: Int) async throws -> [Delivery] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM deliveries WHERE state IN ('pending', 'dead-letter') AND next_attempt <= ? ORDER BY seq LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit]).map { Self.delivery($0) }
        }
    }

    func delivered(_ seq: Int64) async throws {
        try await database.write { db in try db.execute(sql: "DELETE FROM deliveries WHERE seq = ?", arguments: [seq]) }
    }

    /// Records a failed attempt and what comes next: another attempt at `retryAt` in `state`.
    func failed(_ delivery: Delivery, code: String, message: String, state: Delivery.State, retryAt: Date, exhaustedCondition: String?) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE deliveries SET attempts = ?, dead_letter_attempts = ?, state = ?, next_attempt = ?, last_error_code = ?, last_error = ?,
                    exhausted_condition = COALESCE(?, exhausted_condition)
                WHERE seq = ?
                """, arguments: [
                    delivery.attempts, delivery.deadLetterAttempts, state.rawValue, retryAt.timeIntervalSince1970, code, message, exhaustedCondition, delivery.seq,
                ])
        }
    }

    /// Everything not delivered yet, for `/_brume/events/deliveries`.
    func undelivered() async throws -> (accepted: [AcceptedEvent], deliveries: [Delivery]) {
        try await database.read { db in
            let accepted = try Row.fetchAll(db, sql: "SELECT * FROM event_outbox ORDER BY seq").map { row in
                AcceptedEvent(
                    seq: row["seq"], bus: BusKey(account: row["account"], region: row["region"], name: row["bus"]), event: row["event"],
                    receivedAt: Date(timeIntervalSince1970: row["received_at"])
                )
            }
            let deliveries = try Row.fetchAll(db, sql: "SELECT * FROM deliveries ORDER BY seq").map { Self.delivery($0) }
            return (accepted, deliveries)
        }
    }

    private static func delivery(_ row: Row) -> Delivery {
        Delivery(
            seq: row["seq"], eventID: row["event_id"], event: row["event"], ruleARN: row["rule_arn"], targetID: row["target_id"],
            targetARN: row["target_arn"], input: row["input"], messageGroupID: row["message_group_id"], deadLetterARN: row["dead_letter_arn"],
            schedule: RetrySchedule(maximumRetryAttempts: row["max_retry_attempts"], maximumEventAge: row["max_event_age"]),
            receivedAt: Date(timeIntervalSince1970: row["received_at"]), attempts: row["attempts"], deadLetterAttempts: row["dead_letter_attempts"],
            state: Delivery.State(rawValue: row["state"]) ?? .pending, lastErrorCode: row["last_error_code"], lastError: row["last_error"],
            exhaustedCondition: row["exhausted_condition"]
        )
    }
}
