import BrumeEdge
import BrumeStates
import BrumeWire
import Foundation

/// The optimized Step Functions integration, `arn:aws:states:::states:startExecution[.sync[:2]]`:
/// StartExecution over the JSON protocol and, for `.sync`, DescribeExecution until the child ends.
enum NestedExecutionIntegration {
    static let startTarget = "AWSStepFunctions.StartExecution"
    static let describeTarget = "AWSStepFunctions.DescribeExecution"
    static let stopTarget = "AWSStepFunctions.StopExecution"

    /// The StartExecution request from the Parameters (`StateMachineArn`, `Input`, `Name`,
    /// `TraceHeader`). An `Input` that is not a string is sent as its JSON text.
    static func startRequest(_ parameters: JSONValue) throws(StatesError) -> JSONValue {
        guard let members = parameters.objectValue else {
            throw StatesError(StatesErrorName.runtime, "The Parameters of a startExecution task must be an object")
        }
        var request: JSONObject = [:]
        if let arn = members["StateMachineArn"] { request["stateMachineArn"] = arn }
        switch members["Input"] {
        case nil: break
        case .string(let text)?: request["input"] = .string(text)
        case let value?: request["input"] = .string(String(decoding: value.serialized, as: UTF8.self))
        }
        if let name = members["Name"] { request["name"] = name }
        if let trace = members["TraceHeader"] { request["traceHeader"] = trace }
        return .object(request)
    }

    /// StartExecution's answer as the task reports it: `ExecutionArn` and `StartDate` (epoch
    /// milliseconds, as Step Functions' own integration serializes dates).
    static func startResult(_ answer: JSONValue) -> JSONValue {
        var result: JSONObject = [:]
        if let arn = answer["executionArn"] { result["ExecutionArn"] = arn }
        if let start = answer["startDate"] { result["StartDate"] = milliseconds(start) }
        return .object(result)
    }

    /// DescribeExecution's answer with PascalCase members and dates in epoch milliseconds; with
    /// `.sync:2` the child's `Output` is parsed JSON, with `.sync` the JSON text.
    static func describeResult(_ answer: JSONValue, parseOutput: Bool) -> JSONValue {
        var result: JSONObject = [:]
        for (name, value) in answer.objectValue ?? [:] {
            let member = name.prefix(1).uppercased() + name.dropFirst()
            switch name {
            case "startDate", "stopDate": result[member] = milliseconds(value)
            case "inputDetails", "outputDetails":
                var details: JSONObject = [:]
                for (key, inner) in value.objectValue ?? [:] { details[key.prefix(1).uppercased() + key.dropFirst()] = inner }
                result[member] = .object(details)
            case "output" where parseOutput:
                result[member] = value.stringValue.flatMap { try? JSONValue.parse(Array($0.utf8)) } ?? value
            default: result[member] = value
            }
        }
        return .object(result)
    }

    /// The task error of a child that did not succeed: `States.TaskFailed`, whose cause is the
    /// child's description as the task would have returned it.
    static func childFailure(_ description: JSONValue) -> StatesError {
        StatesError(StatesErrorName.taskFailed, String(decoding: description.serialized, as: UTF8.self))
    }

    /// The task error for a Step Functions error answer: `StepFunctions.<Code>Exception`.
    static func error(_ response: EdgeClient.Response) -> StatesError {
        let (code, message) = IntegrationError.jsonError(response.body)
        return StatesError(
            IntegrationError.name(prefix: "StepFunctions", code: code),
            "\(message) (Service: AWSStepFunctions; Status Code: \(response.status); Error Code: \(code); Request ID: \(IntegrationError.requestID(response)); Proxy: null)"
        )
    }

    /// A date the JSON protocol sends as epoch seconds, as whole epoch milliseconds.
    private static func milliseconds(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let seconds): .int(seconds * 1000)
        case .double(let seconds): .int(Int64((seconds * 1000).rounded()))
        default: value
        }
    }
}
