import BrumeStorage
import BrumeWire
import Foundation
import GRDB

/// The SQS tables: queues, messages, deduplication records, recently deleted names, move tasks.
///
/// Every method is synchronous: the backend actor calls it before answering, so a change is in
/// the WAL before the client hears of it, and changes reach storage in the order they happened.
final class SQSStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("sqs.sqlite"), migrator: SQSSchema.migrator)
    }

    // MARK: Queues

    /// Stores a new queue and returns its id.
    func insertQueue(
        identity: QueueIdentity, attributes: [String: String], tags: [String: String], createdAt: Int64
    ) throws -> Int64 {
        try database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM deleted_queues WHERE account = ? AND region = ? AND name = ?",
                arguments: [identity.accountID, identity.region, identity.name]
            )
            try db.execute(
                sql: """
                    INSERT INTO queues (account, region, name, attributes, tags, created_at, modified_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    identity.accountID, identity.region, identity.name, Self.encode(attributes), Self.encode(tags),
                    createdAt, createdAt,
                ]
            )
            return db.lastInsertedRowID
        }
    }

    /// Rewrites a queue's attributes, tags and purge time.
    func updateQueue(_ queue: QueueRecord) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE queues SET attributes = ?, tags = ?, modified_at = ?, purged_at = ? WHERE id = ?",
                arguments: [Self.encode(queue.attributes.rawValues), Self.encode(queue.tags), queue.modifiedAt, queue.purgedAt, queue.id]
            )
        }
    }

    /// Removes a queue with its messages, and remembers the name as recently deleted.
    func deleteQueue(_ queue: QueueRecord, deletedAt: Int64) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM messages WHERE queue_id = ?", arguments: [queue.id])
            try db.execute(sql: "DELETE FROM deduplication WHERE queue_id = ?", arguments: [queue.id])
            try db.execute(sql: "DELETE FROM queues WHERE id = ?", arguments: [queue.id])
            try db.execute(
                sql: "INSERT OR REPLACE INTO deleted_queues (account, region, name, deleted_at) VALUES (?, ?, ?, ?)",
                arguments: [queue.accountID, queue.region, queue.name, deletedAt]
            )
        }
    }

    /// Every stored queue with its raw attributes, in creation order.
    func loadQueues() throws -> [StoredQueue] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM queues ORDER BY id").map { row in
                StoredQueue(
                    id: row["id"], identity: QueueIdentity(accountID: row["account"], region: row["region"], name: row["name"]),
                    attributes: Self.decodeStrings(row["attributes"]), tags: Self.decodeStrings(row["tags"]),
                    createdAt: row["created_at"], modifiedAt: row["modified_at"], purgedAt: row["purged_at"]
                )
            }
        }
    }

    /// When each recently deleted queue name was deleted (milliseconds).
    func loadDeletedQueues() throws -> [QueueIdentity: Int64] {
        try database.pool.read { db in
            var deleted: [QueueIdentity: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM deleted_queues") {
                deleted[QueueIdentity(accountID: row["account"], region: row["region"], name: row["name"])] = row["deleted_at"]
            }
            return deleted
        }
    }

    // MARK: Messages

    /// A queue's messages and deduplication records.
    func loadMessages(queueID: Int64) throws -> (messages: [QueueMessage], deduplication: [(DeduplicationKey, DeduplicationRecord)]) {
        try database.pool.read { db in
            let messages = try Row.fetchAll(db, sql: "SELECT * FROM messages WHERE queue_id = ? ORDER BY sequence", arguments: [queueID])
                .map(Self.message)
            let records = try Row.fetchAll(db, sql: "SELECT * FROM deduplication WHERE queue_id = ?", arguments: [queueID]).map { row in
                (
                    DeduplicationKey(group: row["scope"], id: row["deduplication_id"]),
                    DeduplicationRecord(messageID: row["message_id"], sequenceNumber: row["sequence_number"], expiresAt: row["expires_at"])
                )
            }
            return (messages, records)
        }
    }

    /// Applies message changes in one transaction.
    func apply(_ changes: [MessageChange]) throws {
        guard !changes.isEmpty else { return }
        try database.pool.write { db in
            for change in changes { try Self.apply(change, in: db) }
        }
    }

    private static func apply(_ change: MessageChange, in db: Database) throws {
        switch change {
        case .insert(let queueID, let message):
            let statement = try db.cachedStatement(sql: """
                INSERT INTO messages (queue_id, sequence, message_id, body, md5_of_body, attributes, md5_of_attributes,
                    system_attributes, md5_of_system_attributes, sender_id, sent_at, group_id, deduplication_id,
                    sequence_number, dead_letter_source, visible_at, receive_count, first_received_at, receipt_token)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try statement.execute(arguments: [
                queueID, message.sequence, message.messageID, message.body, message.md5OfBody,
                encode(message.messageAttributes), message.md5OfMessageAttributes,
                encode(message.systemAttributes), message.md5OfMessageSystemAttributes,
                message.senderID, message.sentTimestamp, message.groupID, message.deduplicationID,
                message.sequenceNumber, message.deadLetterSourceARN, message.visibleAt, message.receiveCount,
                message.firstReceiveTimestamp, message.receiptToken,
            ])
        case .updateVisibility(let queueID, let message):
            let statement = try db.cachedStatement(sql: """
                UPDATE messages SET visible_at = ?, receive_count = ?, first_received_at = ?, receipt_token = ?
                WHERE queue_id = ? AND sequence = ?
                """)
            try statement.execute(arguments: [
                message.visibleAt, message.receiveCount, message.firstReceiveTimestamp, message.receiptToken, queueID, message.sequence,
            ])
        case .delete(let queueID, let sequence):
            let statement = try db.cachedStatement(sql: "DELETE FROM messages WHERE queue_id = ? AND sequence = ?")
            try statement.execute(arguments: [queueID, sequence])
        case .deleteAll(let queueID):
            try db.execute(sql: "DELETE FROM messages WHERE queue_id = ?", arguments: [queueID])
            try db.execute(sql: "DELETE FROM deduplication WHERE queue_id = ?", arguments: [queueID])
        case .remember(let queueID, let key, let record):
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO deduplication (queue_id, scope, deduplication_id, message_id, sequence_number, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            try statement.execute(arguments: [queueID, key.group, key.id, record.messageID, record.sequenceNumber, record.expiresAt])
        case .forget(let queueID, let key):
            let statement = try db.cachedStatement(
                sql: "DELETE FROM deduplication WHERE queue_id = ? AND scope = ? AND deduplication_id = ?"
            )
            try statement.execute(arguments: [queueID, key.group, key.id])
        }
    }

    private static func message(_ row: Row) -> QueueMessage {
        QueueMessage(
            sequence: row["sequence"], messageID: row["message_id"], body: row["body"], md5OfBody: row["md5_of_body"],
            messageAttributes: decodeAttributes(row["attributes"]), md5OfMessageAttributes: row["md5_of_attributes"],
            systemAttributes: decodeAttributes(row["system_attributes"]), md5OfMessageSystemAttributes: row["md5_of_system_attributes"],
            senderID: row["sender_id"], sentTimestamp: row["sent_at"], groupID: row["group_id"],
            deduplicationID: row["deduplication_id"], sequenceNumber: row["sequence_number"],
            deadLetterSourceARN: row["dead_letter_source"], visibleAt: row["visible_at"], receiveCount: row["receive_count"],
            firstReceiveTimestamp: row["first_received_at"], receiptToken: row["receipt_token"]
        )
    }

    // MARK: Move tasks

    func saveMoveTask(_ task: MessageMoveTask) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO move_tasks (task_handle, source_arn, destination_arn, max_per_second, status,
                        moved, to_move, started_at, failure_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    task.taskHandle, task.sourceARN, task.destinationARN, task.maxPerSecond, task.status.rawValue,
                    task.moved, task.toMove, task.startedAt, task.failureReason,
                ]
            )
        }
    }

    func loadMoveTasks() throws -> [MessageMoveTask] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM move_tasks ORDER BY started_at").map { row in
                MessageMoveTask(
                    taskHandle: row["task_handle"], sourceARN: row["source_arn"], destinationARN: row["destination_arn"],
                    maxPerSecond: row["max_per_second"], status: MessageMoveTask.Status(rawValue: row["status"]) ?? .failed,
                    moved: row["moved"], toMove: row["to_move"], startedAt: row["started_at"], failureReason: row["failure_reason"]
                )
            }
        }
    }

    // MARK: Encoding

    static func encode(_ strings: [String: String]) -> String {
        String(decoding: JSONValue.strings(strings).serialized, as: UTF8.self)
    }

    static func decodeStrings(_ text: String) -> [String: String] {
        guard let object = try? JSONValue.parse(Array(text.utf8)).objectValue else { return [:] }
        return object.compactMapValues(\.stringValue)
    }

    static func encode(_ attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        return String(decoding: MessageAttributeValue.json(attributes).serialized, as: UTF8.self)
    }

    static func decodeAttributes(_ text: String?) -> [String: MessageAttributeValue] {
        guard let text, let value = try? JSONValue.parse(Array(text.utf8)) else { return [:] }
        return (try? MessageAttributeValue.map(from: value)) ?? [:]
    }
}

/// A queue as storage holds it, before its attributes are parsed.
struct StoredQueue: Sendable {
    let id: Int64
    let identity: QueueIdentity
    let attributes: [String: String]
    let tags: [String: String]
    let createdAt: Int64
    let modifiedAt: Int64
    let purgedAt: Int64?
}

/// One change to a queue's stored messages.
enum MessageChange: Sendable {
    case insert(queueID: Int64, QueueMessage)
    case updateVisibility(queueID: Int64, QueueMessage)
    case delete(queueID: Int64, sequence: Int64)
    case deleteAll(queueID: Int64)
    case remember(queueID: Int64, DeduplicationKey, DeduplicationRecord)
    case forget(queueID: Int64, DeduplicationKey)
}
