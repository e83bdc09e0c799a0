import BrumeCore
import Foundation

/// Every log group and stream of one stack, over storage.
///
/// Groups and streams are held in memory as well as stored; events live only in SQLite and are
/// read from it. Every change is committed before the method returns. The backend is
/// internal: other services write logs through the HTTP API (PutLogEvents through the edge),
/// never through this type.
actor LogsBackend {
    let store: LogsStore
    let clock: any WallClock

    private var groups: [LogGroupKey: LogGroupRecord] = [:]
    /// Streams by group id, then by name.
    private var streams: [Int64: [String: LogStreamRecord]] = [:]
    private var lastSeq: Int64

    init(store: LogsStore, clock: any WallClock) throws {
        self.store = store
        self.clock = clock
        for group in try store.loadGroups() { groups[group.key] = group }
        for stream in try store.loadStreams() { streams[stream.groupID, default: [:]][stream.name] = stream }
        lastSeq = try store.lastSequenceNumber()
    }

    /// Now, in epoch milliseconds.
    var now: Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    // MARK: Groups

    func createGroup(_ key: LogGroupKey, kmsKeyID: String?, logGroupClass: String, tags: [String: String]) throws -> LogGroupRecord {
        guard groups[key] == nil else { throw LogsError.groupExists }
        var group = LogGroupRecord(
            id: 0, key: key, creationTime: now, retentionInDays: nil, kmsKeyID: kmsKeyID, logGroupClass: logGroupClass,
            tags: tags, storedBytes: 0
        )
        group.id = try store.insertGroup(group)
        groups[key] = group
        return group
    }

    func deleteGroup(_ key: LogGroupKey) throws {
        let group = try group(key)
        try store.deleteGroup(group.id)
        groups[key] = nil
        streams[group.id] = nil
    }

    func group(_ key: LogGroupKey) throws(LogsError) -> LogGroupRecord {
        guard let group = groups[key] else { throw .groupNotFound }
        return group
    }

    /// The groups of one account and region, in name order (ASCII, as AWS sorts them).
    func groups(account: String, region: String) -> [LogGroupRecord] {
        groups.values.filter { $0.key.account == account && $0.key.region == region }
            .sorted { $0.key.name.utf8.lexicographicallyPrecedes($1.key.name.utf8) }
    }

    /// Every group's name, in every account and region, for `/_brume/resources`.
    func allGroupNames() -> [String] {
        groups.keys.map(\.name).sorted()
    }

    /// Changes a group's retention or tags with `change`, which may refuse by throwing.
    func updateGroup(_ key: LogGroupKey, _ change: (inout LogGroupRecord) throws(LogsError) -> Void) throws {
        var group = try group(key)
        try change(&group)
        try store.updateGroupSettings(group)
        groups[key] = group
    }

    // MARK: Streams

    func createStream(_ key: LogGroupKey, name: String) throws {
        let group = try group(key)
        guard streams[group.id]?[name] == nil else { throw LogsError.streamExists }
        let creationTime = now
        let id = try store.insertStream(groupID: group.id, name: name, creationTime: creationTime)
        streams[group.id, default: [:]][name] = LogStreamRecord(
            id: id, groupID: group.id, name: name, creationTime: creationTime, firstEventTimestamp: nil, lastEventTimestamp: nil,
            lastIngestionTime: nil, uploads: 0
        )
    }

    func deleteStream(_ key: LogGroupKey, name: String) throws {
        let stream = try stream(key, name: name)
        let freed = try store.deleteStream(stream)
        streams[stream.groupID]?[name] = nil
        groups[key]?.storedBytes -= freed
    }

    func stream(_ key: LogGroupKey, name: String) throws(LogsError) -> LogStreamRecord {
        let group = try group(key)
        guard let stream = streams[group.id]?[name] else { throw .streamNotFound }
        return stream
    }

    /// A group's streams, in no particular order.
    func streams(_ key: LogGroupKey) throws(LogsError) -> [LogStreamRecord] {
        let group = try group(key)
        return Array(streams[group.id, default: [:]].values)
    }

    // MARK: Events

    /// PutLogEvents: validates the batch against the clock, stores the events it keeps and
    /// returns what it refused and, when it stored any, the stream's next sequence token (AWS
    /// sends none when every event was refused).
    func putEvents(_ key: LogGroupKey, stream name: String, _ events: [InputLogEvent]) throws -> (RejectedLogEvents, String?) {
        let group = try group(key)
        var stream = try stream(key, name: name)
        let ingestion = now
        let outcome = try EventBatch.validate(events, now: ingestion, retentionDays: group.retentionInDays)
        let kept = events[outcome.accepted]
        guard let first = kept.first, let last = kept.last else { return (outcome.rejected, nil) }
        var stored: [StoredLogEvent] = []
        stored.reserveCapacity(kept.count)
        var bytes: Int64 = 0
        for event in kept {
            lastSeq += 1
            stored.append(StoredLogEvent(
                streamID: stream.id, position: EventPosition(timestamp: event.timestamp, seq: lastSeq), ingestionTime: ingestion,
                message: event.message
            ))
            bytes += Int64(event.message.utf8.count)
        }
        stream.firstEventTimestamp = min(stream.firstEventTimestamp ?? first.timestamp, first.timestamp)
        stream.lastEventTimestamp = max(stream.lastEventTimestamp ?? last.timestamp, last.timestamp)
        stream.lastIngestionTime = ingestion
        stream.uploads += 1
        try store.append(stored, stream: stream, addedBytes: bytes)
        streams[group.id]?[name] = stream
        groups[key]?.storedBytes += bytes
        return (outcome.rejected, stream.sequenceToken)
    }

    /// Events of one stream for GetLogEvents; see ``LogsStore/readStream``.
    func readStream(
        _ key: LogGroupKey, stream name: String, startTime: Int64, endTime: Int64, cursor: EventPosition, forward: Bool, limit: Int
    ) throws -> [StoredLogEvent] {
        let stream = try stream(key, name: name)
        return try store.readStream(stream, startTime: startTime, endTime: endTime, cursor: cursor, forward: forward, limit: limit)
    }

    /// Events of a group for FilterLogEvents; see ``LogsStore/readGroup``.
    func readGroup(
        _ key: LogGroupKey, streamIDs: [Int64]?, startTime: Int64, endTime: Int64, after cursor: EventPosition, limit: Int
    ) throws -> [StoredLogEvent] {
        let group = try group(key)
        return try store.readGroup(group.id, streamIDs: streamIDs, startTime: startTime, endTime: endTime, after: cursor, limit: limit)
    }
}
