import BrumeWire

/// PutLogEvents and GetLogEvents.
extension LogsService {
    /// The most a GetLogEvents or FilterLogEvents page holds, counted as PutLogEvents counts a
    /// batch (UTF-8 bytes plus 26 per event).
    static let maximumPageBytes = 1_048_576

    func putLogEvents(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        let stream = try call.input.requiredString("logStreamName")
        try LogsNames.checkStreamName(stream)
        guard let items = call.input.fields["logEvents"], !items.isNull else {
            throw LogsError.constraint(nil, at: "logEvents", "Member must not be null")
        }
        guard let list = items.arrayValue else { throw LogsError.serialization("logEvents") }
        var events: [InputLogEvent] = []
        events.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            let member = "logEvents.\(index + 1).member"
            guard let timestamp = item["timestamp"], !timestamp.isNull else {
                throw LogsError.constraint(nil, at: "\(member).timestamp", "Member must not be null")
            }
            guard let message = item["message"], !message.isNull else {
                throw LogsError.constraint(nil, at: "\(member).message", "Member must not be null")
            }
            guard let milliseconds = timestamp.intValue else { throw LogsError.serialization("timestamp") }
            guard let text = message.stringValue else { throw LogsError.serialization("message") }
            guard milliseconds >= 0 else {
                throw LogsError.constraint(String(milliseconds), at: "\(member).timestamp", "Member must have value greater than or equal to 0")
            }
            events.append(InputLogEvent(timestamp: milliseconds, message: text))
        }
        // AWS ignores sequenceToken now; it is read only to refuse a wrong type.
        _ = try call.input.string("sequenceToken")
        let (rejected, token) = try await backend.putEvents(key, stream: stream, events)
        var output: JSONObject = [:]
        if let token { output["nextSequenceToken"] = .string(token) }
        if !rejected.isEmpty {
            var info: JSONObject = [:]
            if let index = rejected.tooNewStart { info["tooNewLogEventStartIndex"] = .int(Int64(index)) }
            if let index = rejected.tooOldEnd { info["tooOldLogEventEndIndex"] = .int(Int64(index)) }
            if let index = rejected.expiredEnd { info["expiredLogEventEndIndex"] = .int(Int64(index)) }
            output["rejectedLogEventsInfo"] = .object(info)
        }
        return .object(output)
    }

    /// One page of a stream, oldest first within the page. Without a token the page is the
    /// newest events (or the oldest, with `startFromHead`); a token reads on in its own
    /// direction, and a page with nothing new hands back the token it was given.
    func getLogEvents(_ call: LogsCall) async throws -> JSONValue {
        let input = call.input
        let key = try call.groupFromNameOrIdentifier()
        let stream = try input.requiredString("logStreamName")
        try LogsNames.checkStreamName(stream)
        let startTime = try input.timestamp("startTime") ?? 0
        let endTime = try input.timestamp("endTime") ?? .max
        let limit = try input.limit(maximum: 10_000, default: 10_000)
        let fromHead = try input.bool("startFromHead") ?? false
        var given: StreamToken?
        if let text = try input.string("nextToken") {
            guard let token = StreamToken(text: text) else { throw LogsError.invalidToken }
            given = token
        }
        let request = given ?? (fromHead ? .forward(after: .start) : .backward(before: .end))
        let (cursor, forward) = switch request {
        case .forward(let position): (position, true)
        case .backward(let position): (position, false)
        }
        var events = try await backend.readStream(
            key, stream: stream, startTime: startTime, endTime: endTime, cursor: cursor, forward: forward, limit: limit
        )
        events = Self.fitPage(events, keepingNewest: !forward)

        let nextForward: StreamToken
        let nextBackward: StreamToken
        if let first = events.first, let last = events.last {
            nextForward = .forward(after: last.position)
            nextBackward = .backward(before: first.position)
        } else {
            // Nothing in this direction: the same position both ways (the start when no token
            // was given), so a client reading forward stops and later events are still found.
            let position = given == nil ? EventPosition.start : cursor
            nextForward = .forward(after: position)
            nextBackward = .backward(before: position)
        }
        return [
            "events": .array(events.map { event in
                ["timestamp": .int(event.timestamp), "message": .string(event.message), "ingestionTime": .int(event.ingestionTime)]
            }),
            "nextForwardToken": .string(nextForward.text),
            "nextBackwardToken": .string(nextBackward.text),
        ]
    }

    /// The events that fit in a 1 MiB page: the oldest ones, or the newest when reading backward.
    static func fitPage(_ events: [StoredLogEvent], keepingNewest: Bool) -> [StoredLogEvent] {
        var total = 0
        let ordered = keepingNewest ? Array(events.reversed()) : events
        let count = ordered.prefix { event in
            total += event.message.utf8.count + EventBatch.perEventOverhead
            return total <= maximumPageBytes
        }.count
        return keepingNewest ? Array(events.suffix(count)) : Array(events.prefix(count))
    }
}
