import BrumeWire

/// StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask: redriving a dead-letter
/// queue's messages back to their source queues.
extension SQSService {
    func startMessageMoveTask(_ call: SQSCall) async throws -> JSONValue? {
        let sourceARN = try call.input.requiredString("SourceArn")
        let destinationARN = try call.input.string("DestinationArn")
        let rate = try call.input.integer("MaxNumberOfMessagesPerSecond", in: 1...500)
        guard let source = await backend.queue(arn: sourceARN) else {
            throw SQSError.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
        }
        guard !(await backend.deadLetterSources(of: sourceARN)).isEmpty else {
            throw SQSError.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
        }
        var destination: QueueRecord?
        if let destinationARN {
            guard let queue = await backend.queue(arn: destinationARN) else {
                throw SQSError.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")
            }
            destination = queue
        }
        let task = try await backend.startMoveTask(source: source, destination: destination, maxPerSecond: rate)
        return ["TaskHandle": .string(task.taskHandle)]
    }

    func listMessageMoveTasks(_ call: SQSCall) async throws -> JSONValue? {
        let sourceARN = try call.input.requiredString("SourceArn")
        let maxResults = try call.input.integer("MaxResults", in: 1...10) ?? 1
        guard await backend.queue(arn: sourceARN) != nil else {
            throw SQSError.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
        }
        let tasks = await backend.moveTasks(sourceARN: sourceARN).prefix(maxResults)
        return ["Results": .array(tasks.map(Self.wireTask))]
    }

    func cancelMessageMoveTask(_ call: SQSCall) async throws -> JSONValue? {
        let handle = try call.input.requiredString("TaskHandle")
        let task = try await backend.cancelMoveTask(handle)
        return ["ApproximateNumberOfMessagesMoved": .int(Int64(task.moved))]
    }

    private static func wireTask(_ task: MessageMoveTask) -> JSONValue {
        var fields: JSONObject = [
            "Status": .string(task.status.rawValue),
            "SourceArn": .string(task.sourceARN),
            "ApproximateNumberOfMessagesMoved": .int(Int64(task.moved)),
            "ApproximateNumberOfMessagesToMove": .int(Int64(task.toMove)),
            "StartedTimestamp": .int(task.startedAt),
        ]
        // Only a running task can be cancelled, so only it shows its handle.
        if task.status == .running { fields["TaskHandle"] = .string(task.taskHandle) }
        if let destination = task.destinationARN { fields["DestinationArn"] = .string(destination) }
        if let rate = task.maxPerSecond { fields["MaxNumberOfMessagesPerSecond"] = .int(Int64(rate)) }
        if let reason = task.failureReason { fields["FailureReason"] = .string(reason) }
        return .object(fields)
    }
}
