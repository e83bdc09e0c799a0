import BrumeWire
import Foundation

extension Interpreter {
    func runTask(_ task: State.Task, _ frame: StateFrame) async throws(StatesError) -> (StateStep, JSONObject) {
        let flow = DataFlow(
            inputPath: frame.state.inputPath ?? "$", parameters: task.parameters, resultSelector: task.resultSelector,
            resultPath: task.resultPath ?? "$", outputPath: frame.state.outputPath ?? "$"
        )
        let (resourceType, resourceName) = Self.describe(task.resource)
        return try await withErrorHandling(frame, retry: task.retry, catch: task.catch) { retryCount throws(StatesError) in
            // A callback task's token is in the Context object (`$$.Task.Token`) before Parameters
            // are evaluated; each attempt gets a new one.
            let token = Self.isCallback(task.resource) ? Self.makeTaskToken() : nil
            let scope = frame.scope(frame.input, retryCount: retryCount, taskToken: token)
            let effective = try frame.runtime { () throws(StatesError) in try flow.effectiveInput(scope, intrinsic: Self.intrinsic) }
            let timeout = try frame.runtime { () throws(StatesError) in try Self.seconds(task.timeout, in: frame.scope(effective)) }
            let heartbeat = try frame.runtime { () throws(StatesError) in try Self.seconds(task.heartbeat, in: frame.scope(effective)) }
            // A function ARN as the Resource is Step Functions' original Lambda task, which has
            // its own history events (LambdaFunctionScheduled...).
            let isFunction = Self.isLambdaFunction(task.resource)
            if isFunction {
                var scheduled: JSONObject = [
                    "resource": .string(task.resource), "input": .string(effective.text), "inputDetails": Self.notTruncated,
                ]
                if let timeout { scheduled["timeoutInSeconds"] = .int(timeout) }
                history.record(event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled))
                history.record(event("LambdaFunctionStarted"))
            } else {
                var scheduled: JSONObject = [
                    "resourceType": .string(resourceType), "resource": .string(resourceName),
                    "region": .string(Self.region(of: frame.execution.identity.stateMachineARN)), "parameters": .string(effective.text),
                ]
                if let timeout { scheduled["timeoutInSeconds"] = .int(timeout) }
                if let heartbeat { scheduled["heartbeatInSeconds"] = .int(heartbeat) }
                history.record(event("TaskScheduled", "taskScheduledEventDetails", scheduled))
                history.record(event("TaskStarted", "taskStartedEventDetails", ["resourceType": .string(resourceType), "resource": .string(resourceName)]))
            }
            let history = self.history
            let clock = self.clock
            let request = TaskRequest(
                resource: task.resource, input: effective, stateName: frame.state.name, timeoutSeconds: timeout,
                heartbeatSeconds: heartbeat, context: frame.context(retryCount: retryCount, taskToken: token), taskToken: token,
                submitted: { output in
                    history.record(HistoryEvent(type: "TaskSubmitted", details: ("taskSubmittedEventDetails", [
                        "resourceType": .string(resourceType), "resource": .string(resourceName),
                        "output": .string(output.text), "outputDetails": Self.notTruncated,
                    ]), timestamp: clock.now()))
                }
            )
            let result: JSONValue
            do throws(StatesError) {
                result = try await invoke(request, timeoutSeconds: timeout)
            } catch {
                let timedOut = error.error == StatesErrorName.timeout || error.error == StatesErrorName.heartbeatTimeout
                if isFunction {
                    let type = timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed"
                    let details = timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails"
                    history.record(event(type, details, ["error": .string(error.error), "cause": .string(error.cause)]))
                    throw error
                }
                let type = timedOut ? "TaskTimedOut" : "TaskFailed"
                let details = type == "TaskTimedOut" ? "taskTimedOutEventDetails" : "taskFailedEventDetails"
                history.record(event(type, details, [
                    "resourceType": .string(resourceType), "resource": .string(resourceName),
                    "error": .string(error.error), "cause": .string(error.cause),
                ]))
                throw error
            }
            if isFunction {
                history.record(event("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", [
                    "output": .string(result.text), "outputDetails": Self.notTruncated,
                ]))
            } else {
                history.record(event("TaskSucceeded", "taskSucceededEventDetails", [
                    "resourceType": .string(resourceType), "resource": .string(resourceName),
                    "output": .string(result.text), "outputDetails": Self.notTruncated,
                ]))
            }
            return try frame.runtime { () throws(StatesError) in
                let output = try flow.effectiveOutput(scope, result: result, intrinsic: Self.intrinsic)
                return (frame.step(output), try frame.assignments(result: result))
            }
        }
    }

    /// Invokes a task, failing it with `States.Timeout` after TimeoutSeconds.
    private func invoke(_ request: TaskRequest, timeoutSeconds: Int64?) async throws(StatesError) -> JSONValue {
        let invoker = self.invoker
        guard let timeoutSeconds else { return try await invoker.invoke(request) }
        return try await race(
            { () async throws(StatesError) -> JSONValue in try await invoker.invoke(request) },
            deadline: clock.now().addingTimeInterval(TimeInterval(timeoutSeconds)),
            timeout: StatesError(StatesErrorName.timeout, "")
        )
    }

    /// Whether a resource is a Lambda function's ARN (`arn:aws:lambda:region:account:function:name`).
    public static func isLambdaFunction(_ resource: String) -> Bool {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function"
    }

    /// Whether a resource waits for SendTaskSuccess/SendTaskFailure (`.waitForTaskToken`).
    static func isCallback(_ resource: String) -> Bool { resource.hasSuffix(".waitForTaskToken") }

    /// A new opaque task token: 48 random bytes, base64url without padding (AWS's tokens are
    /// long opaque strings too).
    static func makeTaskToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// A TimeoutSeconds/HeartbeatSeconds value, literal or read from the effective input.
    private static func seconds(_ value: State.Seconds?, in scope: PathScope) throws(StatesError) -> Int64? {
        switch value {
        case nil: return nil
        case .literal(let seconds): return seconds
        case .path(let path):
            guard let seconds = try resolve(path, in: scope).intValue, seconds > 0 else {
                throw .runtime("The value at '\(path)' is not a positive integer")
            }
            return seconds
        }
    }

    /// The history's resourceType and resource for a Task's Resource: `arn:aws:states:::lambda:invoke`
    /// → (`lambda`, `invoke`); `arn:aws:states:::aws-sdk:s3:getObject` → (`aws-sdk:s3`, `getObject`);
    /// a function ARN → (`lambda`, the ARN's function).
    static func describe(_ resource: String) -> (String, String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 8, parts[2] == "states", parts[4].isEmpty, parts[5] == "aws-sdk" {
            return ("aws-sdk:\(parts[6])", parts[7...].joined(separator: ":"))
        }
        if parts.count >= 7, parts[2] == "states", parts[4].isEmpty {
            return (parts[5], parts[6...].joined(separator: ":"))
        }
        if parts.count >= 7, parts[2] == "lambda" { return ("lambda", resource) }
        return (parts.count > 2 ? parts[2] : resource, resource)
    }

    static func region(of arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : ""
    }
}
