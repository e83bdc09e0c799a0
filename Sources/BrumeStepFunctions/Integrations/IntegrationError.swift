import BrumeEdge
import BrumeStates
import BrumeWire

/// How a failed service call becomes a task error, as Step Functions names them.
///
/// Both kinds of integration name the error `<Service>.<Exception>`, the exception class the
/// service's SDK throws: the error code with `Exception` appended unless it already ends so
/// (`SQS.QueueDoesNotExistException`, `S3.NoSuchKeyException`). The cause is the SDK's message.
enum IntegrationError {
    /// `<prefix>.<code>Exception`.
    static func name(prefix: String, code: String) -> String {
        "\(prefix).\(code.hasSuffix("Exception") ? code : code + "Exception")"
    }

    /// The code and message of an awsJson error body: `__type` (after any `namespace#`) and `message`.
    static func jsonError(_ body: [UInt8]) -> (code: String, message: String) {
        let json = try? JSONValue.parse(body)
        let type = json?["__type"]?.stringValue ?? "InternalFailure"
        let code = type.split(separator: "#").last.map(String.init) ?? type
        let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue ?? ""
        return (code, message)
    }

    /// The code and message of an S3 XML error body (`<Error><Code>…</Code><Message>…</Message>`).
    static func xmlError(_ body: [UInt8], status: Int) -> (code: String, message: String) {
        let text = String(decoding: body, as: UTF8.self)
        func element(_ name: String) -> String? {
            guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else {
                return nil
            }
            return String(text[start.upperBound..<end.lowerBound])
        }
        // A HEAD-like answer without a body still has a status to go by.
        return (element("Code") ?? (status == 404 ? "NotFound" : "S3Exception"), element("Message") ?? "")
    }

    /// The task error for a call that got no answer: `States.TaskFailed`.
    static func transport(_ failure: EdgeClient.Failure, service: String) -> StatesError {
        StatesError(StatesErrorName.taskFailed, "Brume could not reach \(service) through its edge: \(failure)")
    }

    /// The request id of an answer, for causes.
    static func requestID(_ response: EdgeClient.Response) -> String {
        response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id") ?? ""
    }
}
