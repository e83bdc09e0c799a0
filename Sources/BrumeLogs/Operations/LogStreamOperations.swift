import BrumeWire

/// CreateLogStream, DeleteLogStream, DescribeLogStreams.
extension LogsService {
    func createLogStream(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        let name = try call.input.requiredString("logStreamName")
        try LogsNames.checkStreamName(name)
        try await backend.createStream(key, name: name)
        return .object([:])
    }

    func deleteLogStream(_ call: LogsCall) async throws -> JSONValue {
        let key = try call.requiredGroup()
        let name = try call.input.requiredString("logStreamName")
        try LogsNames.checkStreamName(name)
        try await backend.deleteStream(key, name: name)
        return .object([:])
    }

    /// Streams ordered by name (default) or by last event time, ascending unless `descending`;
    /// a name prefix cannot be combined with `LastEventTime` order, as AWS refuses it.
    func describeLogStreams(_ call: LogsCall) async throws -> JSONValue {
        let input = call.input
        let key = try call.groupFromNameOrIdentifier()
        let prefix = try input.string("logStreamNamePrefix")
        if let prefix { try LogsNames.checkStreamName(prefix, member: "logStreamNamePrefix") }
        let orderBy = try input.string("orderBy") ?? "LogStreamName"
        guard ["LogStreamName", "LastEventTime"].contains(orderBy) else {
            throw LogsError.constraint(orderBy, at: "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]")
        }
        if orderBy == "LastEventTime", prefix != nil {
            throw LogsError.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
        }
        let descending = try input.bool("descending") ?? false
        let limit = try input.limit(maximum: 50, default: 50)
        var offset = 0
        if let token = try input.string("nextToken") {
            guard let text = ListingToken.payload(token, kind: "streams"), let value = Int(text), value >= 0 else { throw LogsError.invalidToken }
            offset = value
        }
        var streams = try await backend.streams(key).filter { prefix.map($0.name.hasPrefix) ?? true }
        let byName: (LogStreamRecord, LogStreamRecord) -> Bool = { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        if orderBy == "LastEventTime" {
            streams.sort { ($0.lastEventTimestamp ?? 0, $0.id) < ($1.lastEventTimestamp ?? 0, $1.id) }
        } else {
            streams.sort(by: byName)
        }
        if descending { streams.reverse() }
        guard offset <= streams.count else { throw LogsError.invalidToken }
        let page = streams[offset..<min(streams.count, offset + limit)]
        var output: JSONObject = ["logStreams": .array(page.map { Self.describe($0, in: key) })]
        if page.endIndex < streams.count {
            output["nextToken"] = .string(ListingToken.make("streams", String(page.endIndex)))
        }
        return .object(output)
    }

    static func describe(_ stream: LogStreamRecord, in key: LogGroupKey) -> JSONValue {
        var object: JSONObject = ["logStreamName": .string(stream.name), "creationTime": .int(stream.creationTime)]
        if let first = stream.firstEventTimestamp { object["firstEventTimestamp"] = .int(first) }
        if let last = stream.lastEventTimestamp { object["lastEventTimestamp"] = .int(last) }
        if let ingestion = stream.lastIngestionTime { object["lastIngestionTime"] = .int(ingestion) }
        object["uploadSequenceToken"] = .string(stream.sequenceToken)
        object["arn"] = .string(LogsNames.streamARN(key, stream: stream.name))
        // AWS stopped counting bytes per stream in 2019 and reports 0.
        object["storedBytes"] = 0
        return .object(object)
    }
}
