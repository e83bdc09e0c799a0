import BrumeWire
import Foundation

/// An SQS event source mapping: a queue whose messages Lambda polls and hands to a function in
/// batches.
struct EventSourceMapping: Codable, Sendable, Equatable {
    var uuid: String
    var eventSourceARN: String
    var functionName: String
    /// The function ARN the mapping invokes, with a qualifier when one was given.
    var functionARN: String
    var accountID: String
    var region: String
    var batchSize: Int
    var maximumBatchingWindow: Int
    var enabled: Bool
    /// `ReportBatchItemFailures` when the function reports partial failures.
    var functionResponseTypes: [String]
    /// At most this many batches at once (`ScalingConfig.MaximumConcurrency`, 2 to 1000).
    var maximumConcurrency: Int?
    var lastModified: Date
    var lastProcessingResult: String

    var reportsItemFailures: Bool { functionResponseTypes.contains("ReportBatchItemFailures") }

    var mappingARN: String { "arn:aws:lambda:\(region):\(accountID):event-source-mapping:\(uuid)" }

    /// The `EventSourceMappingConfiguration` shape; `state` is what the answer reports.
    func json(state: String? = nil) -> JSONValue {
        var object: JSONObject = [:]
        object["UUID"] = .string(uuid)
        object["BatchSize"] = .int(Int64(batchSize))
        object["MaximumBatchingWindowInSeconds"] = .int(Int64(maximumBatchingWindow))
        object["EventSourceArn"] = .string(eventSourceARN)
        object["FunctionArn"] = .string(functionARN)
        object["LastModified"] = .double(lastModified.timeIntervalSince1970)
        object["LastProcessingResult"] = .string(lastProcessingResult)
        object["State"] = .string(state ?? (enabled ? "Enabled" : "Disabled"))
        object["StateTransitionReason"] = .string("USER_INITIATED")
        object["FunctionResponseTypes"] = .array(functionResponseTypes.map(JSONValue.string))
        if let maximumConcurrency { object["ScalingConfig"] = .object(["MaximumConcurrency": .int(Int64(maximumConcurrency))]) }
        object["EventSourceMappingArn"] = .string(mappingARN)
        return .object(object)
    }
}
