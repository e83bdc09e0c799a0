import BrumeWire
import Foundation
import Hummingbird

/// Create/Get/List/Update/DeleteEventSourceMapping, for SQS queues.
extension LambdaService {
    @Sendable func createEventSourceMapping(_ call: LambdaCall) async throws -> Response {
        let input = try call.input()
        let reference = try FunctionReference(parsing: try input.required("FunctionName"))
        let (_, record) = try await backend.resolve(reference, caller: call.caller)
        guard let source = try input.string("EventSourceArn") else {
            throw LambdaError.invalidParameterValue("Brume supports SQS event sources only: EventSourceArn is required.")
        }
        try Self.refuseNonSQSMembers(input, source: source)
        let isFIFO = source.hasSuffix(".fifo")
        let batchSize = try input.int("BatchSize") ?? 10
        let window = try input.int("MaximumBatchingWindowInSeconds") ?? 0
        try Self.validateBatching(batchSize: batchSize, window: window, isFIFO: isFIFO)
        try await checkQueue(source, functionTimeout: record.timeout)
        let functionARN = reference.qualifier.map { "\(record.functionARN):\($0)" } ?? record.functionARN
        if let existing = await mappings.all().first(where: { $0.eventSourceARN == source && $0.functionARN == functionARN }) {
            throw LambdaError.resourceConflict(
                "An event source mapping with SQS arn (\" \(source) \") and function (\" \(record.name) \") already exists. Please update or delete the existing mapping with UUID \(existing.uuid)"
            )
        }
        let mapping = EventSourceMapping(
            uuid: UUID().uuidString.lowercased(), eventSourceARN: source, functionName: record.name, functionARN: functionARN,
            accountID: call.caller.accountID, region: call.caller.region, batchSize: batchSize, maximumBatchingWindow: window,
            enabled: try input.bool("Enabled") ?? true, functionResponseTypes: try Self.responseTypes(input),
            maximumConcurrency: try Self.maximumConcurrency(input), lastModified: clock.now(), lastProcessingResult: "No records processed"
        )
        try await mappings.save(mapping)
        return LambdaResponse.json(mapping.json(state: "Creating"), status: 202)
    }

    @Sendable func getEventSourceMapping(_ call: LambdaCall) async throws -> Response {
        LambdaResponse.json(try await mapping(call).json())
    }

    @Sendable func listEventSourceMappings(_ call: LambdaCall) async throws -> Response {
        var all = await mappings.all()
        if let source = call.query["EventSourceArn"] { all = all.filter { $0.eventSourceARN == source } }
        if let function = call.query["FunctionName"] {
            let reference = try FunctionReference(parsing: function)
            all = all.filter { $0.functionName == reference.name }
        }
        let page = try Pagination.page(all, marker: call.query["Marker"], maxItems: call.query["MaxItems"], defaultSize: 100)
        var object: JSONObject = ["EventSourceMappings": .array(page.items.map { $0.json() })]
        if let next = page.nextMarker { object["NextMarker"] = .string(next) }
        return LambdaResponse.json(.object(object))
    }

    @Sendable func updateEventSourceMapping(_ call: LambdaCall) async throws -> Response {
        var mapping = try await mapping(call)
        let input = try call.input()
        try Self.refuseNonSQSMembers(input, source: mapping.eventSourceARN)
        if let function = try input.string("FunctionName") {
            let reference = try FunctionReference(parsing: function)
            let (_, record) = try await backend.resolve(reference, caller: call.caller)
            mapping.functionName = record.name
            mapping.functionARN = reference.qualifier.map { "\(record.functionARN):\($0)" } ?? record.functionARN
        }
        mapping.batchSize = try input.int("BatchSize") ?? mapping.batchSize
        mapping.maximumBatchingWindow = try input.int("MaximumBatchingWindowInSeconds") ?? mapping.maximumBatchingWindow
        try Self.validateBatching(batchSize: mapping.batchSize, window: mapping.maximumBatchingWindow, isFIFO: mapping.eventSourceARN.hasSuffix(".fifo"))
        mapping.enabled = try input.bool("Enabled") ?? mapping.enabled
        if input.fields["FunctionResponseTypes"] != nil { mapping.functionResponseTypes = try Self.responseTypes(input) }
        if input.fields["ScalingConfig"] != nil { mapping.maximumConcurrency = try Self.maximumConcurrency(input) }
        mapping.lastModified = clock.now()
        try await mappings.save(mapping)
        return LambdaResponse.json(mapping.json(state: "Updating"), status: 202)
    }

    @Sendable func deleteEventSourceMapping(_ call: LambdaCall) async throws -> Response {
        let mapping = try await mapping(call)
        try await mappings.delete(mapping.uuid)
        return LambdaResponse.json(mapping.json(state: "Deleting"), status: 202)
    }

    private func mapping(_ call: LambdaCall) async throws -> EventSourceMapping {
        guard let mapping = await mappings.get(call.parameters["UUID"] ?? "") else {
            throw LambdaError.resourceNotFound("The resource you requested does not exist.")
        }
        return mapping
    }

    /// The queue must exist, and its visibility timeout must cover the function's timeout, or
    /// messages would come back while a batch is still running.
    private func checkQueue(_ arn: String, functionTimeout: Int) async throws {
        let queues = QueueClient(client: client)
        let url: String
        do {
            url = try await queues.queueURL(arn: arn)
        } catch {
            throw LambdaError.invalidParameterValue(
                "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it."
            )
        }
        let attributes = try? await queues.call("GetQueueAttributes", ["QueueUrl": .string(url), "AttributeNames": .array([.string("VisibilityTimeout")])])
        if let text = attributes?["Attributes"]?["VisibilityTimeout"]?.stringValue, let visibility = Int(text), visibility < functionTimeout {
            throw LambdaError.invalidParameterValue("Queue visibility timeout: \(visibility) seconds is less than Function timeout: \(functionTimeout) seconds")
        }
    }

    static func validateBatching(batchSize: Int, window: Int, isFIFO: Bool) throws(LambdaError) {
        guard (1...10_000).contains(batchSize) else {
            throw .validation("1 validation error detected: Value '\(batchSize)' at 'batchSize' failed to satisfy constraint: Member must have value \(batchSize < 1 ? "greater than or equal to 1" : "less than or equal to 10000")")
        }
        guard (0...300).contains(window) else {
            throw .validation("1 validation error detected: Value '\(window)' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value \(window < 0 ? "greater than or equal to 0" : "less than or equal to 300")")
        }
        if isFIFO, batchSize > 10 {
            throw .invalidParameterValue("Batch size for SQS FIFO queues must be less than or equal to 10.")
        }
        if batchSize > 10, window == 0 {
            throw .invalidParameterValue("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
        }
    }

    private static func responseTypes(_ input: LambdaInput) throws(LambdaError) -> [String] {
        let types = try input.stringList("FunctionResponseTypes") ?? []
        for type in types where type != "ReportBatchItemFailures" {
            throw .validation("1 validation error detected: Value '[\(type)]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]")
        }
        return types
    }

    private static func maximumConcurrency(_ input: LambdaInput) throws(LambdaError) -> Int? {
        guard let value = try input.object("ScalingConfig")?.int("MaximumConcurrency") else { return nil }
        guard (2...1000).contains(value) else {
            throw .validation("1 validation error detected: Value '\(value)' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value \(value < 2 ? "greater than or equal to 2" : "less than or equal to 1000")")
        }
        return value
    }

    /// Members for stream and Kafka sources; SQS mappings refuse them, as AWS does.
    private static func refuseNonSQSMembers(_ input: LambdaInput, source: String) throws(LambdaError) {
        guard source.split(separator: ":").dropFirst(2).first == "sqs" else {
            throw .invalidParameterValue("Brume supports SQS event sources only; \(source) is not an SQS queue.")
        }
        for member in ["StartingPosition", "StartingPositionTimestamp", "ParallelizationFactor", "BisectBatchOnFunctionError",
                       "MaximumRecordAgeInSeconds", "MaximumRetryAttempts", "TumblingWindowInSeconds", "Topics", "Queues"]
        where input.fields[member] != nil && input.fields[member] != .null {
            throw .invalidParameterValue("Unsupported \(member) parameter for SQS event source.")
        }
        for member in ["FilterCriteria", "DestinationConfig", "Tags", "KMSKeyArn", "MetricsConfig", "LoggingConfig", "ProvisionedPollerConfig",
                       "SourceAccessConfigurations", "SelfManagedEventSource", "AmazonManagedKafkaEventSourceConfig",
                       "SelfManagedKafkaEventSourceConfig", "DocumentDBEventSourceConfig"]
        where input.fields[member] != nil && input.fields[member] != .null {
            throw .invalidParameterValue("Brume does not support \(member) on event source mappings yet; see the support table in Brume's README.")
        }
    }
}
