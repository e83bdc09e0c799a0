import BrumeWire
import Foundation

/// How asynchronous invokes of a function (or one of its versions) are retried and where their
/// results go (`FunctionEventInvokeConfig`).
struct EventInvokeConfig: Codable, Sendable, Equatable {
    /// 0 to 2; AWS retries twice when unset.
    var maximumRetryAttempts: Int?
    /// 60 to 21600 seconds; six hours when unset.
    var maximumEventAgeInSeconds: Int?
    var onSuccess: String?
    var onFailure: String?
    var lastModified: Date

    static let defaultRetryAttempts = 2
    static let defaultEventAge = 21_600

    var retryAttempts: Int { maximumRetryAttempts ?? Self.defaultRetryAttempts }
    var eventAge: Int { maximumEventAgeInSeconds ?? Self.defaultEventAge }

    func json(functionARN: String) -> JSONValue {
        var object: JSONObject = [:]
        object["LastModified"] = .double(lastModified.timeIntervalSince1970)
        object["FunctionArn"] = .string(functionARN)
        if let maximumRetryAttempts { object["MaximumRetryAttempts"] = .int(Int64(maximumRetryAttempts)) }
        if let maximumEventAgeInSeconds { object["MaximumEventAgeInSeconds"] = .int(Int64(maximumEventAgeInSeconds)) }
        var destinations: JSONObject = [:]
        destinations["OnSuccess"] = .object(onSuccess.map { ["Destination": .string($0)] } ?? [:])
        destinations["OnFailure"] = .object(onFailure.map { ["Destination": .string($0)] } ?? [:])
        object["DestinationConfig"] = .object(destinations)
        return .object(object)
    }

    /// Checks a destination or dead-letter ARN: Brume delivers to SQS queues and Lambda
    /// functions, and destinations (not dead-letter queues) also to EventBridge event buses.
    static func validateDestination(_ arn: String, member: String, allowsEventBus: Bool = false) throws(LambdaError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[1].hasPrefix("aws") else {
            throw .validation("1 validation error detected: Value '\(arn)' at '\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)")
        }
        switch parts[2] {
        case "sqs", "lambda": return
        case "events" where allowsEventBus && parts[5].hasPrefix("event-bus/"): return
        default:
            let choices = allowsEventBus ? "an SQS queue, a Lambda function or an EventBridge event bus" : "an SQS queue or a Lambda function"
            throw .invalidParameterValue("Brume cannot deliver to \(parts[2]) destinations yet: use \(choices) (\(arn)).")
        }
    }
}

/// An asynchronous invocation waiting for its next attempt; stored before Invoke answers 202.
struct AsyncInvocation: Codable, Sendable, Equatable {
    var requestID: String
    var functionName: String
    var qualifier: String?
    var accountID: String
    var region: String
    var invokedARN: String
    var payload: [UInt8]
    var clientContext: String?
    var enqueuedAt: Date
    /// Attempts made so far.
    var attempts: Int
    var notBefore: Date
}
