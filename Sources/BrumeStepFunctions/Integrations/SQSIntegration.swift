import BrumeEdge
import BrumeStates
import BrumeWire

/// The optimized SQS integration, `arn:aws:states:::sqs:sendMessage[.waitForTaskToken]`: the
/// task's Parameters are SendMessage's request members (PascalCase), sent over the JSON protocol.
enum SQSIntegration {
    static let target = "AmazonSQS.SendMessage"

    /// The SendMessage request body. A MessageBody that is not a string is sent as its JSON text,
    /// as Step Functions does.
    static func sendMessageRequest(_ parameters: JSONValue) throws(StatesError) -> JSONValue {
        guard var members = parameters.objectValue else {
            throw StatesError(StatesErrorName.runtime, "The Parameters of an SQS task must be an object")
        }
        if let body = members["MessageBody"], body.stringValue == nil {
            members["MessageBody"] = .string(String(decoding: body.serialized, as: UTF8.self))
        }
        return .object(members)
    }

    /// The task result: SendMessage's response members (`MD5OfMessageBody`, `MessageId`,
    /// `SequenceNumber`...) plus the HTTP metadata optimized integrations report.
    static func result(_ response: EdgeClient.Response) -> JSONValue {
        var result = (try? JSONValue.parse(response.body))?.objectValue ?? [:]
        var headers: JSONObject = [:]
        var allHeaders: JSONObject = [:]
        for (name, value) in response.headers {
            headers[name] = .string(value)
            allHeaders[name] = .array([.string(value)])
        }
        result["SdkHttpMetadata"] = ["AllHttpHeaders": .object(allHeaders), "HttpHeaders": .object(headers), "HttpStatusCode": .int(Int64(response.status))]
        result["SdkResponseMetadata"] = ["RequestId": .string(IntegrationError.requestID(response))]
        return .object(result)
    }

    /// The task error for an SQS error answer: `SQS.<Code>Exception`, with the message and the
    /// SDK's details as the cause.
    static func error(_ response: EdgeClient.Response) -> StatesError {
        let (code, message) = IntegrationError.jsonError(response.body)
        return StatesError(
            IntegrationError.name(prefix: "SQS", code: code),
            "\(message) (Service: AmazonSQS; Status Code: \(response.status); Error Code: \(code); Request ID: \(IntegrationError.requestID(response)); Proxy: null)"
        )
    }
}
