import BrumeEdge
import BrumeWire
import Synchronization

/// Calls a rule's targets through the edge with their real AWS protocols, like any client:
/// SQS SendMessage, Lambda Invoke (`Event`), Step Functions StartExecution; and sends given-up
/// events to dead-letter queues.
final class TargetSender: Sendable {
    let client: EdgeClient
    /// Queue URLs by ARN, so a delivery to a queue is one call, not two.
    private let queueURLs = Mutex<[String: String]>([:])

    init(client: EdgeClient) {
        self.client = client
    }

    /// Why a call failed: the service's error code and message, and whether trying again can help.
    struct Failure: Error, CustomStringConvertible {
        var code: String
        var message: String
        var retryable: Bool
        var description: String { "\(code): \(message)" }
    }

    /// Errors that say the target is not there: AWS does not retry them.
    static let permanentCodes: Set<String> = [
        "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "ResourceNotFoundException", "StateMachineDoesNotExist",
        "InvalidArn", "InvalidExecutionInput", "InvalidParameterValue", "InvalidMessageContents", "MissingParameter",
        "InvalidRequestContentException", "RequestTooLargeException",
    ]

    /// Delivers one matched event to its target.
    func deliver(_ delivery: Delivery) async throws(Failure) {
        switch TargetRules.kind(of: delivery.targetARN) {
        case .queue:
            var message: JSONObject = ["MessageBody": .string(delivery.input)]
            if let group = delivery.messageGroupID {
                // FIFO targets deduplicate on the event id, so a redelivery is not a second message.
                message["MessageGroupId"] = .string(group)
                message["MessageDeduplicationId"] = .string(delivery.eventID)
            }
            try await sendMessage(message, to: delivery.targetARN)
        case .function:
            let parts = delivery.targetARN.split(separator: ":", omittingEmptySubsequences: false)
            let response = try await call(
                service: "lambda", method: "POST", path: "/2015-03-31/functions/\(parts[6...].joined(separator: ":"))/invocations",
                headers: [("X-Amz-Invocation-Type", "Event")], body: Array(delivery.input.utf8)
            )
            guard response.status == 202 else { throw Self.failure(response, service: "Invoke") }
        case .stateMachine:
            _ = try await json(service: "states", target: "AWSStepFunctions.StartExecution", version: "1.0", [
                "stateMachineArn": .string(delivery.targetARN), "input": .string(delivery.input),
            ])
        case nil:
            throw Failure(code: "InvalidArn", message: "Brume cannot deliver to \(delivery.targetARN)", retryable: false)
        }
    }

    /// Sends the event to the target's dead-letter queue with the attributes AWS sets, saying
    /// which rule and target failed, why, and after how many attempts.
    func deadLetter(_ delivery: Delivery, queue: String) async throws(Failure) {
        var attributes: [String: String] = [
            "RULE_ARN": delivery.ruleARN, "TARGET_ARN": delivery.targetARN,
            "ERROR_CODE": delivery.lastErrorCode ?? "", "ERROR_MESSAGE": delivery.lastError ?? "",
            "RETRY_ATTEMPTS": String(max(0, delivery.attempts - 1)),
        ]
        if let condition = delivery.exhaustedCondition { attributes["EXHAUSTED_RETRY_CONDITION"] = condition }
        var encoded: JSONObject = [:]
        for key in attributes.keys.sorted() where !attributes[key]!.isEmpty {
            encoded[key] = ["DataType": "String", "StringValue": .string(attributes[key]!)]
        }
        try await sendMessage(["MessageBody": .string(delivery.event), "MessageAttributes": .object(encoded)], to: queue)
    }

    private func sendMessage(_ message: JSONObject, to arn: String) async throws(Failure) {
        let url = try await queueURL(arn)
        var message = message
        message["QueueUrl"] = .string(url)
        do {
            _ = try await json(service: "sqs", target: "AmazonSQS.SendMessage", version: "1.0", message)
        } catch {
            queueURLs.withLock { $0[arn] = nil }  // The queue may have been re-created.
            throw error
        }
    }

    private func queueURL(_ arn: String) async throws(Failure) -> String {
        if let url = queueURLs.withLock({ $0[arn] }) { return url }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let answer = try await json(service: "sqs", target: "AmazonSQS.GetQueueUrl", version: "1.0", [
            "QueueName": .string(parts[5]), "QueueOwnerAWSAccountId": .string(parts[4]),
        ])
        guard let url = answer["QueueUrl"]?.stringValue else {
            throw Failure(code: "InternalError", message: "GetQueueUrl gave no URL for \(arn)", retryable: true)
        }
        queueURLs.withLock { $0[arn] = url }
        return url
    }

    /// Calls an awsJson operation (`AmazonSQS.SendMessage`) and returns its JSON answer.
    private func json(service: String, target: String, version: String, _ input: JSONObject) async throws(Failure) -> JSONValue {
        let response = try await call(
            service: service, method: "POST", path: "/",
            headers: [("X-Amz-Target", target), ("Content-Type", "application/x-amz-json-\(version)")], body: JSONValue.object(input).serialized
        )
        guard response.status == 200, let value = try? JSONValue.parse(response.body) else {
            throw Self.failure(response, service: target)
        }
        return value
    }

    private func call(
        service: String, method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async throws(Failure) -> EdgeClient.Response {
        do {
            return try await client.send(service: service, method: method, path: path, headers: headers, body: body, timeout: .seconds(30))
        } catch {
            throw Failure(code: "TransportError", message: "\(error)", retryable: true)
        }
    }

    /// The error a refused call carries: `__type` (without its namespace) or `x-amzn-ErrorType`.
    private static func failure(_ response: EdgeClient.Response, service: String) -> Failure {
        let value = try? JSONValue.parse(response.body)
        let type = value?["__type"]?.stringValue ?? response.header("x-amzn-ErrorType") ?? "HTTP\(response.status)"
        let code = String(type.split(separator: "#").last ?? Substring(type)).split(separator: ":").first.map(String.init) ?? type
        let message = value?["message"]?.stringValue ?? value?["Message"]?.stringValue ?? String(decoding: response.body, as: UTF8.self)
        let retryable = !permanentCodes.contains(code) && (response.status >= 500 || response.status == 429 || code == "TransportError"
            || code.contains("Throttl") || code == "TooManyRequestsException")
        return Failure(code: code, message: "\(service): \(message)", retryable: retryable)
    }
}
