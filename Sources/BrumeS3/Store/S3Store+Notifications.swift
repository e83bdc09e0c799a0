import Foundation
import GRDB

/// Bucket notification configurations and the outbox of events waiting to be delivered.
extension S3Store {
    func notificationConfiguration(_ bucket: String) throws -> NotificationConfiguration {
        try database.lookup { db in
            guard let text = try String.fetchOne(db, sql: "SELECT configuration FROM bucket_notifications WHERE bucket = ?", arguments: [bucket]) else {
                return NotificationConfiguration()
            }
            return try JSONDecoder().decode(NotificationConfiguration.self, from: Data(text.utf8))
        }
    }

    func setNotificationConfiguration(_ bucket: String, _ configuration: NotificationConfiguration) async throws {
        let text = configuration.isEmpty ? nil : String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        try await database.write { db in
            if let text {
                try db.execute(sql: "INSERT OR REPLACE INTO bucket_notifications (bucket, configuration) VALUES (?, ?)", arguments: [bucket, text])
            } else {
                try db.execute(sql: "DELETE FROM bucket_notifications WHERE bucket = ?", arguments: [bucket])
            }
        }
    }

    /// Queues events for delivery; committed before the caller answers its client.
    func enqueueNotifications(_ events: [(destination: String, body: String)], now: Date) async throws {
        guard !events.isEmpty else { return }
        try await database.write { db in
            for event in events {
                try db.execute(sql: "INSERT INTO notification_outbox (destination, body, next_attempt) VALUES (?, ?, ?)",
                               arguments: [event.destination, event.body, now.timeIntervalSince1970])
            }
        }
    }

    /// When the next event not given up is due for an attempt; nil when the outbox is empty.
    func nextNotificationAttempt() async throws -> Date? {
        try await database.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(next_attempt) FROM notification_outbox WHERE failed = 0")
        }.map { Date(timeIntervalSince1970: $0) }
    }

    /// Events due for an attempt, oldest first.
    func dueNotifications(now: Date, limit: Int) async throws -> [PendingNotification] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, destination, body, attempts FROM notification_outbox
                WHERE failed = 0 AND next_attempt <= ? ORDER BY seq LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit]).map {
                PendingNotification(seq: $0["seq"], destination: $0["destination"], body: $0["body"], attempts: $0["attempts"])
            }
        }
    }

    func notificationDelivered(_ seq: Int64) async throws {
        try await database.write { db in try db.execute(sql: "DELETE FROM notification_outbox WHERE seq = ?", arguments: [seq]) }
    }

    /// Records a failed attempt at `now`: retried at `retryAt`, or given up when `retryAt` is nil.
    func notificationFailed(_ seq: Int64, error: String, retryAt: Date?, now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ?, failed = ? WHERE seq = ?
                """, arguments: [error, (retryAt ?? now).timeIntervalSince1970, retryAt == nil ? 1 : 0, seq])
        }
    }

    /// Every undelivered event, for `/_brume/s3/notifications`.
    func undeliveredNotifications() async throws -> [[String: any Sendable]] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification_outbox ORDER BY seq").map { row -> [String: any Sendable] in
                [
                    "destination": row["destination"] as String, "attempts": row["attempts"] as Int,
                    "state": (row["failed"] as Int) == 1 ? "failed" : "pending", "lastError": (row["last_error"] as String?) ?? "",
                    "event": row["body"] as String,
                ]
            }
        }
    }
}

/// An outbox row.
struct PendingNotification: Sendable {
    var seq: Int64
    var destination: String
    var body: String
    var attempts: Int
}
