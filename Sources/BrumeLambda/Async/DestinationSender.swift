import BrumeEdge
import BrumeWire
import Foundation

/// Delivers asynchronous-invoke results to destinations and dead-letter queues, through the
/// edge like any AWS client: SQS SendMessage, an Event invoke of another function, or
/// EventBridge PutEvents.
struct DestinationSender: Sendable {
    let client: EdgeClient

    /// Why a record could not be delivered.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends an invocation record (`version 1.0`, as AWS writes it) to `destination`.
    func sendRecord(_ record: JSONValue, to destination: String) async throws(Failure) {
        if destination.split(separator: ":", omittingEmptySubsequences: false).dropFirst(2).first == "events" {
            return try await putEvent(record, bus: destination)
        }
        try await send(record.serialized, to: destination, attributes: [:])
    }

    /// An invocation record on an event bus, as Lambda puts it: source `lambda`, detail type
    /// `Lambda Function Invocation Result - Success` (or `- Failure`), the record as the detail,
    /// the bus and the function version as the resources.
    private func putEvent(_ record: JSONValue, bus: String) async throws(Failure) {
        let succeeded = record["requestContext"]?["condition"]?.stringValue == "Success"
        let entry: JSONValue = [
            "Source": "lambda", "DetailType": .string("Lambda Function Invocation Result - \(succeeded ? "Success" : "Failure")"),
            "Detail": .string(String(decoding: record.serialized, as: UTF8.self)), "EventBusName": .string(bus),
            "Resources": .array([.string(bus)] + [record["requestContext"]?["functionArn"]].compactMap { $0 }),
        ]
        let response: EdgeClient.Response
        do {
            response = try await client.send(
                service: "events", method: "POST", path: "/",
                headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSEvents.PutEvents")],
                body: JSONValue.object(["Entries": [entry]]).serialized
            )
        } catch {
            throw Failure(description: "PutEvents to \(bus): \(error)")
        }
        let answer = try? JSONValue.parse(response.body)
        guard response.status == 200, answer?["FailedEntryCount"]?.intValue == 0 else {
            throw Failure(description: "PutEvents to \(bus) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
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
