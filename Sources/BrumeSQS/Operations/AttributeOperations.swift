import BrumeWire

/// GetQueueAttributes and SetQueueAttributes.
extension SQSService {
    func getQueueAttributes(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let requested = try QueueAttributeNames.resolveRequested(call.input.stringList("AttributeNames"))
        let queue = try await backend.queue(identity)
        guard !requested.isEmpty else { return .object([:]) }
        var values = queue.attributes.rawValues
        let counts = try await backend.counts(identity)
        values["ApproximateNumberOfMessages"] = String(counts.visible)
        values["ApproximateNumberOfMessagesNotVisible"] = String(counts.inFlight)
        values["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
        values["CreatedTimestamp"] = String(queue.createdAt)
        values["LastModifiedTimestamp"] = String(queue.modifiedAt)
        values["QueueArn"] = queue.arn
        let selected = values.filter { requested.contains($0.key) }
        return ["Attributes": .strings(selected)]
    }

    func setQueueAttributes(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let attributes = try call.input.stringMap("Attributes")
        for name in attributes.keys.sorted() where QueueAttributeNames.readOnly.contains(name) {
            throw SQSError.invalidAttributeName(name)
        }
        try await backend.setAttributes(identity, attributes)
        return nil
    }
}
