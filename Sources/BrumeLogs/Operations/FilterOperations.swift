import BrumeWire

/// FilterLogEvents.
extension LogsService {
    /// How many stored events one read of a FilterLogEvents scan takes before filtering.
    static let filterScanBatch = 1_000

    /// Matching events of a group's streams, interleaved by time (AWS always interleaves now),
    /// with `startTime` and `endTime` both inclusive. A `nextToken` is returned only when
    /// another matching event exists, so the last page never comes back empty.
    func filterLogEvents(_ call: LogsCall) async throws -> JSONValue {
        let input = call.input
        let key = try call.groupFromNameOrIdentifier()
        let names = try input.stringList("logStreamNames")
        let prefix = try input.string("logStreamNamePrefix")
        if let names {
            guard (1...100).contains(names.count) else {
                throw LogsError.constraint(nil, at: "logStreamNames", "Member must have length between 1 and 100")
            }
            for name in names { try LogsNames.checkStreamName(name, member: "logStreamNames") }
        }
        if let prefix { try LogsNames.checkStreamName(prefix, member: "logStreamNamePrefix") }
        if names != nil, prefix != nil {
            throw LogsError.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
        }
        let startTime = try input.timestamp("startTime") ?? 0
        let endTime = try input.timestamp("endTime") ?? .max
        let limit = try input.limit(maximum: 10_000, default: 10_000)
        let pattern = try FilterPattern.parse(try input.string("filterPattern") ?? "")
        var cursor = EventPosition.start
        if let token = try input.string("nextToken") {
            guard let digits = ListingToken.payload(token, kind: "filter"), let position = EventPosition(digits: Substring(digits)) else {
                throw LogsError.invalidToken
            }
            cursor = position
        }

        let all = try await backend.streams(key)
        let selected = all.filter { stream in
            if let names { return names.contains(stream.name) }
            if let prefix { return stream.name.hasPrefix(prefix) }
            return true
        }
        let streamNames = Dictionary(uniqueKeysWithValues: selected.map { ($0.id, $0.name) })
        let streamIDs = (names == nil && prefix == nil) ? nil : selected.map(\.id)

        var matched: [StoredLogEvent] = []
        var bytes = 0
        var more = false
        scan: while !selected.isEmpty {
            let batch = try await backend.readGroup(
                key, streamIDs: streamIDs, startTime: startTime, endTime: endTime, after: cursor, limit: Self.filterScanBatch
            )
            for event in batch {
                cursor = event.position
                guard pattern.matches(event.message) else { continue }
                bytes += event.message.utf8.count + EventBatch.perEventOverhead
                if matched.count == limit || bytes > Self.maximumPageBytes {
                    more = true
                    break scan
                }
                matched.append(event)
            }
            if batch.count < Self.filterScanBatch { break }
        }

        var output: JSONObject = [
            "events": .array(matched.map { event in
                [
                    "logStreamName": .string(streamNames[event.streamID] ?? ""), "timestamp": .int(event.timestamp),
                    "message": .string(event.message), "ingestionTime": .int(event.ingestionTime),
                    "eventId": .string(EventID.make(event.position)),
                ]
            }),
            "searchedLogStreams": .array(selected.sorted { $0.name < $1.name }.map { stream in
                ["logStreamName": .string(stream.name), "searchedCompletely": .bool(!more)]
            }),
        ]
        if more, let last = matched.last {
            output["nextToken"] = .string(ListingToken.make("filter", last.position.digits))
        }
        return .object(output)
    }
}
