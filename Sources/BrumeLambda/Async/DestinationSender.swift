import BrumeEdge
import BrumeWire
import Foundation

/// Delivers asynchronous-invoke results to destinations and dead-letter queues, through the
/// edge like any AWS client: SQS SendMessage, or an Event invoke of another function.
struct DestinationSender: Sendable {
    let client: EdgeClient

    /// Why a record could not be delivered.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends an invocation record (`version 1.0`, as AWS writes it) to `destination`.
    func sendRecord(_ record: JSONValue, to destination: String) async throws(Failure) {
        try await send(record.serialized, to: destination, attributes: [:])
    }

    /// Sends the original event to a dead-letter queue with AWS's message attributes.
    func sendToDeadLetter(payload: [UInt8], requestID: String, errorCode: String, errorMessage: String, queue: String) async throws(Failure) {
        try await send(payload, to: queue, attributes: ["RequestID": requestID, "ErrorCode": errorCode, "ErrorMessage": errorMessage])
    }

    private func send(_ body: [UInt8], to arn: String, attributes: [String: String]) async throws(Failure) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6 else { throw Failure(description: "not an ARN: \(arn)") }
        switch parts[2] {
        case "sqs":
            let queues = QueueClient(client: client)
            let url: String
            do {
                url = try await queues.queueURL(arn: arn)
            } catch {
                throw Failure(description: "queue \(arn): \(error)")
            }
            var message: JSONObject = ["QueueUrl": .string(url), "MessageBody": .string(String(decoding: body, as: UTF8.self))]
            if !attributes.isEmpty {
                var encoded: JSONObject = [:]
                for key in attributes.keys.sorted() {
                    encoded[key] = .object(["DataType": .string("String"), "StringValue": .string(attributes[key]!)])
                }
                message["MessageAttributes"] = .object(encoded)
            }
            do {
                _ = try await queues.call("SendMessage", message)
            } catch {
                throw Failure(description: "SendMessage to \(arn): \(error)")
            }
        case "lambda" where parts.count >= 7:
            let response: EdgeClient.Response
            do {
                response = try await client.send(
                    service: "lambda", method: "POST", path: "/2015-03-31/functions/\(parts[6...].joined(separator: ":"))/invocations",
                    headers: [("X-Amz-Invocation-Type", "Event")], body: body
                )
            } catch {
                throw Failure(description: "\(error)")
            }
            guard response.status == 202 else { throw Failure(description: "Invoke of \(arn) answered \(response.status)") }
        default:
            throw Failure(description: "Brume cannot deliver to \(arn)")
        }
    }
}
