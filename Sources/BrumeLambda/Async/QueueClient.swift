import BrumeEdge
import BrumeWire

/// The SQS calls Lambda makes (destinations, dead-letter queues, event source mappings), over
/// the JSON protocol through the edge like any SDK.
struct QueueClient: Sendable {
    let client: EdgeClient

    /// Why an SQS call failed: its error code and message, or a transport failure.
    struct Failure: Error, CustomStringConvertible {
        var code: String
        var message: String
        var description: String { "\(code): \(message)" }
    }

    /// The URL of the queue an ARN names (`arn:aws:sqs:region:account:name`).
    func queueURL(arn: String) async throws(Failure) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[2] == "sqs" else { throw Failure(code: "InvalidArn", message: "not an SQS queue ARN: \(arn)") }
        let answer = try await call("GetQueueUrl", ["QueueName": .string(parts[5]), "QueueOwnerAWSAccountId": .string(parts[4])])
        guard let url = answer["QueueUrl"]?.stringValue else { throw Failure(code: "InternalError", message: "GetQueueUrl gave no URL") }
        return url
    }

    /// Calls `AmazonSQS.<operation>` and returns its JSON answer.
    func call(_ operation: String, _ input: JSONObject, timeout: Duration = .seconds(60)) async throws(Failure) -> JSONValue {
        let response: EdgeClient.Response
        do {
            response = try await client.send(
                service: "sqs", method: "POST", path: "/",
                headers: [("X-Amz-Target", "AmazonSQS.\(operation)"), ("Content-Type", "application/x-amz-json-1.0")],
                body: JSONValue.object(input).serialized, timeout: timeout
            )
        } catch {
            throw Failure(code: "TransportError", message: "\(error)")
        }
        let value = try? JSONValue.parse(response.body)
        guard response.status == 200, let value else {
            let type = value?["__type"]?.stringValue.map { String($0.split(separator: "#").last ?? Substring($0)) } ?? "HTTP\(response.status)"
            throw Failure(code: type, message: value?["message"]?.stringValue ?? String(decoding: response.body, as: UTF8.self))
        }
        return value
    }
}
