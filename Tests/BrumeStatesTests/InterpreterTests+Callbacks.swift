@testable import BrumeStates
import BrumeWire
import Foundation
import Testing

/// Callback tasks (`.waitForTaskToken`) and the events of tasks that report a submission.
extension InterpreterTests {
    @Test func callbackTasksSeeANewTokenPerAttemptAndRecordTaskSubmitted() async throws {
        let recorder = Recorder()
        let invoker = ScriptedInvoker { request, attempt throws(StatesError) in
            let token = request.taskToken ?? ""
            // The token is in the Context object, so Parameters could place it in the message.
            guard !token.isEmpty, request.input["token"] == .string(token), request.context["Task"]?["Token"] == .string(token) else {
                throw StatesError("Test.NoToken", "")
            }
            if attempt == 1 { throw StatesError("Worker.Flaky", "first") }
            return ["done": .int(Int64(attempt))]
        }
        let outcome = try await run("""
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"},
              "Retry": [{"ErrorEquals": ["Worker.Flaky"], "IntervalSeconds": 1}], "End": true}}}
            """, recorder: recorder, invoker: invoker)
        #expect(outcome == .succeeded(["done": 2]))
        let scheduled = recorder.recorded.filter { $0.type == "TaskScheduled" }.compactMap { $0.details?.value["parameters"]?.stringValue }
        #expect(scheduled.count == 2 && scheduled[0] != scheduled[1], "each attempt gets its own token")
        let scheduledDetails = recorder.recorded.first { $0.type == "TaskScheduled" }?.details?.value
        #expect(scheduledDetails?["resourceType"] == "sqs")
        #expect(scheduledDetails?["resource"] == "sendMessage.waitForTaskToken")
    }

    @Test func submittedRecordsTaskSubmittedBeforeTheResult() async throws {
        final class SubmittingInvoker: TaskInvoker {
            func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
                await request.submitted(["MessageId": "m-1"])
                return "answered"
            }
        }
        let recorder = Recorder()
        let parsed = try StateMachineDefinition.parse("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "End": true}}}
            """)
        _ = await Interpreter(invoker: SubmittingInvoker(), clock: VirtualClock(), history: recorder).run(parsed, input: [:], identity: Self.identity)
        #expect(recorder.types == [
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
            "TaskStateExited", "ExecutionSucceeded",
        ])
        let submitted = recorder.recorded.first { $0.type == "TaskSubmitted" }?.details
        #expect(submitted?.name == "taskSubmittedEventDetails")
        #expect(submitted?.value["output"] == .string(#"{"MessageId":"m-1"}"#))
        #expect(submitted?.value["resourceType"] == "aws-sdk:s3")
        #expect(submitted?.value["resource"] == "getObject")
    }

    @Test func heartbeatTimeoutIsATimedOutTask() async throws {
        let recorder = Recorder()
        let invoker = ScriptedInvoker { _, _ throws(StatesError) in throw StatesError(StatesErrorName.heartbeatTimeout, "") }
        let outcome = try await run("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "HeartbeatSeconds": 1, "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}}
            """, recorder: recorder, invoker: invoker)
        #expect(outcome == .failed(StatesError(StatesErrorName.heartbeatTimeout, "")))
        #expect(recorder.types.contains("TaskTimedOut"))
    }
}
