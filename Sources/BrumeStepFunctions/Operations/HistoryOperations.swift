import BrumeWire

/// GetExecutionHistory.
extension StepFunctionsService {
    /// Members of event details that hold execution data, left out when `includeExecutionData` is false.
    static let executionDataMembers: Set<String> = ["input", "output"]

    func getExecutionHistory(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("executionArn")
        try Self.checkExecutionARN(arn)
        let reverse = try call.input.bool("reverseOrder") ?? false
        let includeData = try call.input.bool("includeExecutionData") ?? true
        let size = try call.input.pageSize()
        var events = try await backend.history(arn)
        if reverse { events.reverse() }
        let (page, next) = try PageToken.page(events, token: try call.input.string("nextToken"), size: size)
        var output: JSONObject = ["events": .array(page.map { Self.json($0, includeData: includeData) })]
        if let next { output["nextToken"] = .string(next) }
        return .object(output)
    }

    static func json(_ stored: StoredHistoryEvent, includeData: Bool) -> JSONValue {
        var event: JSONObject = [
            "timestamp": stored.event.timestamp.epochJSON, "type": .string(stored.event.type), "id": .int(Int64(stored.id)),
            "previousEventId": .int(Int64(stored.previousEventID)),
        ]
        if let name = stored.event.detailsName {
            var details = stored.event.details ?? [:]
            if !includeData {
                details = JSONObject(details.filter { !executionDataMembers.contains($0.key) }.map { ($0.key, $0.value) })
            }
            event[name] = .object(details)
        }
        return .object(event)
    }
}
