import BrumeStorage
import BrumeWire
import Foundation
import GRDB

/// The CloudWatch Logs tables: log groups, log streams and their events.
///
/// Every method is synchronous: the backend actor calls it before answering, so a change is in
/// the WAL before the client hears of it.
final class LogsStore: Sendable {
    let database: MetadataDatabase

    init(folder: URL) throws {
        database = try MetadataDatabase(url: folder.appendingPathComponent("logs.sqlite"), migrator: LogsSchema.migrator)
    }

    // MARK: Loading

    func loadGroups() throws -> [LogGroupRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_groups ORDER BY id").map { row in
                LogGroupRecord(
                    id: row["id"], key: LogGroupKey(account: row["account"], region: row["region"], name: row["name"]),
                    creationTime: row["created_at"], retentionInDays: row["retention_days"], kmsKeyID: row["kms_key_id"],
                    logGroupClass: row["log_group_class"], tags: Self.decodeTags(row["tags"]), storedBytes: row["stored_bytes"]
                )
            }
        }
    }

    func loadStreams() throws -> [LogStreamRecord] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM log_streams ORDER BY id").map { row in
                LogStreamRecord(
                    id: row["id"], groupID: row["group_id"], name: row["name"], creationTime: row["created_at"],
                    firstEventTimestamp: row["first_event"], lastEventTimestamp: row["last_event"],
                    lastIngestionTime: row["last_ingestion"], uploads: row["uploads"]
                )
            }
        }
    }

    /// The highest event sequence number stored, 0 when there are none.
    func lastSequenceNumber() throws -> Int64 {
        try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM log_events") ?? 0 }
    }

    // MARK: Groups and streams

    /// Inserts a group and returns its row id.
    func insertGroup(_ group: LogGroupRecord) throws -> Int64 {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO log_groups (account, region, name, created_at, retention_days, kms_key_id, log_group_class, tags)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    group.key.account, group.key.region, group.key.name, group.creationTime, group.retentionInDays,
                    group.kmsKeyID, group.logGroupClass, Self.encode(group.tags),
                ]
            )
            return db.lastInsertedRowID
        }
    }

    /// Writes a group's retention and tags.
    func updateGroupSettings(_ group: LogGroupRecord) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE log_groups SET retention_days = ?, tags = ? WHERE id = ?",
                arguments: [group.retentionInDays, Self.encode(group.tags), group.id]
            )
        }
    }

    /// Removes a group with its streams and events, in one transaction.
    func deleteGroup(_ id: Int64) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM log_events WHERE group_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM log_streams WHERE group_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM log_groups WHERE id = ?", arguments: [id])
        }
    }

    func insertStream(groupID: Int64, name: String, creationTime: Int64) throws -> Int64 {
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO log_streams (group_id, name, created_at) VALUES (?, ?, ?)",
                arguments: [groupID, name, creationTime]
            )
            return db.lastInsertedRowID
        }
    }

    /// Removes a stream and its events, and takes their size off the group's `stored_bytes`;
    /// returns that size.
    func deleteStream(_ stream: LogStreamRecord) throws -> Int64 {
        try database.pool.write { db in
            let freed = try Int64.fetchOne(
                db, sql: "SELECT COALESCE(SUM(LENGTH(CAST(message AS BLOB))), 0) FROM log_events WHERE group_id = ? AND stream_id = ?",
                arguments: [stream.groupID, stream.id]
            ) ?? 0
            try db.execute(sql: "DELETE FROM log_events WHERE group_id = ? AND stream_id = ?", arguments: [stream.groupID, stream.id])
            try db.execute(sql: "DELETE FROM log_streams WHERE id = ?", arguments: [stream.id])
            try db.execute(sql: "UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?", arguments: [freed, stream.groupID])
            return freed
        }
    }

    // MARK: Events

    /// Stores one PutLogEvents batch with the stream's new bounds and the group's new size, in
    /// one transaction.
    func append(_ events: [StoredLogEvent], stream: LogStreamRecord, addedBytes: Int64) throws {
        try database.pool.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO log_events (group_id, stream_id, timestamp, seq, ingestion_time, message) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for event in events {
                try insert.execute(arguments: [
                    stream.groupID, stream.id, event.position.timestamp, event.position.seq, event.ingestionTime, event.message,
                ])
            }
            try db.execute(
                sql: "UPDATE log_streams SET first_event = ?, last_event = ?, last_ingestion = ?, uploads = ? WHERE id = ?",
                arguments: [stream.firstEventTimestamp, stream.lastEventTimestamp, stream.lastIngestionTime, stream.uploads, stream.id]
            )
            try db.execute(sql: "UPDATE log_groups SET stored_bytes = stored_bytes + ? WHERE id = ?", arguments: [addedBytes, stream.groupID])
        }
    }

    /// Up to `limit` events of one stream with `startTime <= timestamp < endTime`, after (or,
    /// `forward` false, before) `cursor`; always returned oldest first.
    func readStream(
        _ stream: LogStreamRecord, startTime: Int64, endTime: Int64, cursor: EventPosition, forward: Bool, limit: Int
    ) throws -> [StoredLogEvent] {
        let sql = """
            SELECT * FROM log_events
            WHERE group_id = ? AND stream_id = ? AND timestamp >= ? AND timestamp < ? AND (timestamp, seq) \(forward ? ">" : "<") (?, ?)
            ORDER BY timestamp \(forward ? "ASC" : "DESC"), seq \(forward ? "ASC" : "DESC") LIMIT ?
            """
        let events = try database.pool.read { db in
            try Row.fetchAll(
                db, sql: sql, arguments: [stream.groupID, stream.id, startTime, endTime, cursor.timestamp, cursor.seq, limit]
            ).map(Self.event)
        }
        return forward ? events : events.reversed()
    }

    /// Up to `limit` events of a group (of `streamIDs` only, when given), interleaved by time,
    /// with `startTime <= timestamp <= endTime` and after `cursor`.
    func readGroup(
        _ groupID: Int64, streamIDs: [Int64]?, startTime: Int64, endTime: Int64, after cursor: EventPosition, limit: Int
    ) throws -> [StoredLogEvent] {
        var sql = "SELECT * FROM log_events WHERE group_id = ? AND timestamp >= ? AND timestamp <= ? AND (timestamp, seq) > (?, ?)"
        var arguments: StatementArguments = [groupID, startTime, endTime, cursor.timestamp, cursor.seq]
        if let streamIDs {
            sql += " AND stream_id IN (\(streamIDs.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(streamIDs)
        }
        sql += " ORDER BY timestamp, seq LIMIT ?"
        arguments += [limit]
        let query = sql
        let values = arguments
        return try database.pool.read { db in try Row.fetchAll(db, sql: query, arguments: values).map(Self.event) }
    }

    private static func event(_ row: Row) -> StoredLogEvent {
        StoredLogEvent(
            streamID: row["stream_id"], position: EventPosition(timestamp: row["timestamp"], seq: row["seq"]),
            ingestionTime: row["ingestion_time"], message: row["message"]
        )
    }

    // MARK: Encoding

    private static func encode(_ tags: [String: String]) -> String {
        String(decoding: JSONValue.object(JSONObject(tags.mapValues(JSONValue.string))).serialized, as: UTF8.self)
    }

    private static func decodeTags(_ text: String) -> [String: String] {
        guard let object = (try? JSONValue.parse(Array(text.utf8)))?.objectValue else { return [:] }
        return object.compactMapValues(\.stringValue)
    }
}
