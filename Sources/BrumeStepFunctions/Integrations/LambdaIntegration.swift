import BrumeEdge
import BrumeStates
import BrumeWire

/// The Lambda integrations: the optimized `arn:aws:states:::lambda:invoke[.waitForTaskToken]`,
/// whose Parameters are Invoke's members, and a function ARN as the Resource, which sends the
/// effective input as the event and returns the function's answer as the result.
enum LambdaIntegration {
    /// One Invoke call.
    struct Call {
        var path: String
        var query: [(name: String, value: String)]
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    /// The Invoke call for `lambda:invoke`: `FunctionName` (required), `Payload` (any JSON; `{}`
    /// when absent), `InvocationType`, `Qualifier`, `ClientContext`, `LogType`.
    static func invokeCall(_ parameters: JSONValue) throws(StatesError) -> Call {
        guard let members = parameters.objectValue, let function = members["FunctionName"]?.stringValue else {
            throw StatesError(StatesErrorName.runtime, "The Parameters of a lambda:invoke task must be an object with a FunctionName string")
        }
        var headers: [(name: String, value: String)] = []
        if let type = members["InvocationType"]?.stringValue { headers.append(("X-Amz-Invocation-Type", type)) }
        if let context = members["ClientContext"]?.stringValue { headers.append(("X-Amz-Client-Context", context)) }
        if let logType = members["LogType"]?.stringValue { headers.append(("X-Amz-Log-Type", logType)) }
        let payload = members["Payload"].map { $0.serialized } ?? Array("{}".utf8)
        return Call(
            path: "/2015-03-31/functions/\(function)/invocations",
            query: members["Qualifier"]?.stringValue.map { [("Qualifier", $0)] } ?? [], headers: headers, body: payload
        )
    }

    /// The Invoke call for a function ARN as the Resource.
    static func functionCall(arn: String, input: JSONValue) -> Call {
        Call(path: "/2015-03-31/functions/\(arn)/invocations", query: [], headers: [], body: input.serialized)
    }

    /// The `lambda:invoke` result: `ExecutedVersion`, `Payload` parsed from JSON (the text when it
    /// is not JSON, an empty string for an Event invoke), the HTTP metadata and `StatusCode`.
    static func invokeResult(_ response: EdgeClient.Response) -> JSONValue {
        var result: JSONObject = [:]
        if let version = response.header("X-Amz-Executed-Version") { result["ExecutedVersion"] = .string(version) }
        if let log = response.header("X-Amz-Log-Result") { result["LogResult"] = .string(log) }
        result["Payload"] = payload(response.body)
        var headers: JSONObject = [:]
        var allHeaders: JSONObject = [:]
        for (name, value) in response.headers {
            headers[name] = .string(value)
            allHeaders[name] = .array([.string(value)])
        }
        result["SdkHttpMetadata"] = ["AllHttpHeaders": .object(allHeaders), "HttpHeaders": .object(headers), "HttpStatusCode": .int(Int64(response.status))]
        result["SdkResponseMetadata"] = ["RequestId": .string(IntegrationError.requestID(response))]
        result["StatusCode"] = .int(Int64(response.status))
        return .object(result)
    }

    /// The function's answer, for a function-ARN Resource.
    static func functionResult(_ response: EdgeClient.Response) -> JSONValue {
        payload(response.body)
    }

    /// The task error when the function failed (`X-Amz-Function-Error`): its `errorType` as the
    /// error (`Lambda.Unknown` when the document has none) and the whole error document as
    /// the cause, as Step Functions reports it.
    static func functionError(_ response: EdgeClient.Response) -> StatesError {
        let document = try? JSONValue.parse(response.body)
        let type = document?["errorType"]?.stringValue ?? "Lambda.Unknown"
        return StatesError(type, String(decoding: response.body, as: UTF8.self))
    }

    /// The task error when Lambda refused the call: `Lambda.<Code>Exception` with the SDK-style cause.
    static func serviceError(_ response: EdgeClient.Response) -> StatesError {
        let document = try? JSONValue.parse(response.body)
        let code = response.header("x-amzn-ErrorType").map { String($0.split(separator: ":").first ?? Substring($0)) } ?? "ServiceException"
        let message = document?["message"]?.stringValue ?? document?["Message"]?.stringValue ?? ""
        return StatesError(
            IntegrationError.name(prefix: "Lambda", code: code),
            "\(message) (Service: AWSLambda; Status Code: \(response.status); Error Code: \(code); Request ID: \(IntegrationError.requestID(response)); Proxy: null)"
        )
    }

    private static func payload(_ body: [UInt8]) -> JSONValue {
        if body.isEmpty { return .string("") }
        return (try? JSONValue.parse(body)) ?? .string(String(decoding: body, as: UTF8.self))
    }
}
