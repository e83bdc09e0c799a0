@testable import BrumeStates
import BrumeWire
import Foundation
import Synchronization
import Testing

/// Whole executions in virtual time: tasks answer from a script, waits move a fake clock.
@Suite("Interpreter")
struct InterpreterTests {
    /// A clock whose sleeps return at once and move time to their deadline.
    final class VirtualClock: StatesClock {
        private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
        func now() -> Date { current.withLock { $0 } }
        func sleep(until deadline: Date) async throws {
            try Task.checkCancellation()
            current.withLock { $0 = max($0, deadline) }
        }
    }

    /// Records events in order, numbering them from 1.
    final class Recorder: HistoryRecorder {
        private let events = Mutex<[HistoryEvent]>([])
        func record(_ event: HistoryEvent) -> Int { events.withLock { $0.append(event); return $0.count } }
        var types: [String] { events.withLock { $0.map(\.type) } }
        var recorded: [HistoryEvent] { events.withLock { $0 } }
    }

    /// Answers each resource with a closure; counts calls per resource.
    final class ScriptedInvoker: TaskInvoker {
        let script: @Sendable (TaskRequest, Int) throws(StatesError) -> JSONValue
        private let calls = Mutex<[String: Int]>([:])
        init(_ script: @escaping @Sendable (TaskRequest, Int) throws(StatesError) -> JSONValue) { self.script = script }
        func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
            let attempt = calls.withLock { $0[request.resource, default: 0] += 1; return $0[request.resource]! }
            return try script(request, attempt)
        }
        func count(_ resource: String) -> Int { calls.withLock { $0[resource] ?? 0 } }
    }

    static let identity = ExecutionIdentity(
        executionARN: "arn:aws:states:us-east-1:000000000000:execution:demo:run-1", name: "run-1",
        stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:demo", stateMachineName: "demo",
        roleARN: "arn:aws:iam::000000000000:role/demo", startTime: Date(timeIntervalSince1970: 1_700_000_000)
    )

    func run(
        _ definition: String, input: JSONValue = [:], clock: VirtualClock = VirtualClock(), recorder: Recorder = Recorder(),
        invoker: ScriptedInvoker = ScriptedInvoker { request, _ in request.input }
    ) async throws -> ExecutionOutcome {
        let parsed = try StateMachineDefinition.parse(definition)
        let interpreter = Interpreter(invoker: invoker, clock: clock, history: recorder)
        return await interpreter.run(parsed, input: input, identity: Self.identity)
    }

    @Test func passStatesShapeDataThroughParametersResultAndPaths() async throws {
        let outcome = try await run("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}', $.name)", "fixed": 1}, "ResultPath": "$.a", "Next": "B"},
              "B": {"Type": "Pass", "Result": {"x": [1, 2]}, "ResultPath": "$.b", "OutputPath": "$", "Next": "C"},
              "C": {"Type": "Pass", "InputPath": "$.a", "End": true}
            }}
            """, input: ["name": "Brume"])
        #expect(outcome == .succeeded(["greeting": "Hello, Brume", "fixed": 1]))
    }

    @Test func retryRunsAgainWithBackoffThenSucceeds() async throws {
        let clock = VirtualClock()
        let invoker = ScriptedInvoker { request, attempt throws(StatesError) in
            if attempt < 3 { throw StatesError("Busy", "try later") }
            return ["attempt": .int(Int64(attempt))]
        }
        let start = clock.now()
        let outcome = try await run("""
            {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3}], "End": true}}}
            """, clock: clock, invoker: invoker)
        #expect(outcome == .succeeded(["attempt": 3]))
        // 2 s, then 6 s: IntervalSeconds × BackoffRate^n.
        #expect(clock.now().timeIntervalSince(start) == 8)
    }

    @Test func catchSendsErrorAndCauseThroughResultPath() async throws {
        let invoker = ScriptedInvoker { _, _ throws(StatesError) in throw StatesError("Boom", "it broke") }
        let outcome = try await run("""
            {"StartAt": "Call", "States": {
              "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1}],
                       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Succeed"}
            }}
            """, input: ["id": 7], invoker: invoker)
        #expect(outcome == .succeeded(["id": 7, "error": ["Error": "Boom", "Cause": "it broke"]]))
        #expect(invoker.count("arn:aws:states:::lambda:invoke") == 2)
    }

    @Test func statesAllDoesNotCatchRuntimeErrors() async throws {
        let outcome = try await run("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.missing",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "End": true},
              "B": {"Type": "Succeed"}
            }}
            """)
        guard case .failed(let error) = outcome else { Issue.record("expected a failure"); return }
        #expect(error.error == "States.Runtime")
        #expect(error.cause.hasPrefix("An error occurred while executing the state 'A' (entered at the event id #2)."))
    }

    @Test func choiceFollowsTheFirstMatchingRuleOrDefault() async throws {
        let definition = """
            {"StartAt": "Decide", "States": {
              "Decide": {"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
                {"And": [{"Variable": "$.n", "IsPresent": true}, {"Variable": "$.n", "NumericLessThan": 0}], "Next": "Negative"}
              ], "Default": "Small"},
              "Big": {"Type": "Pass", "Result": "big", "End": true},
              "Negative": {"Type": "Pass", "Result": "negative", "End": true},
              "Small": {"Type": "Pass", "Result": "small", "End": true}
            }}
            """
        #expect(try await run(definition, input: ["n": 11]) == .succeeded("big"))
        #expect(try await run(definition, input: ["n": -1]) == .succeeded("negative"))
        #expect(try await run(definition, input: ["n": 3]) == .succeeded("small"))
    }

    @Test func waitMovesTheClockNotTheWallClock() async throws {
        let clock = VirtualClock()
        let start = clock.now()
        let outcome = try await run("""
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "T"},
              "T": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "End": true}}}
            """, input: ["delay": 3600], clock: clock)
        #expect(outcome == .succeeded(["delay": 3600]))
        #expect(clock.now() == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(clock.now() > start)
    }

    @Test func parallelReturnsBranchResultsInOrder() async throws {
        let outcome = try await run("""
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "first", "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 5, "Next": "C"}, "C": {"Type": "Pass", "Result": "second", "End": true}}}
            ]}}}
            """)
        #expect(outcome == .succeeded(["first", "second"]))
    }

    @Test func mapRunsItemsWithItemSelectorAndContext() async throws {
        let recorder = Recorder()
        let outcome = try await run("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
              "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double", "States": {
                "Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.value, $.value)", "at.$": "$.index", "tag.$": "$.tag"}, "End": true}}},
              "ResultPath": "$.doubled", "End": true}}}
            """, input: ["items": [1, 2, 3], "tag": "t"], recorder: recorder)
        #expect(outcome == .succeeded([
            "items": [1, 2, 3], "tag": "t",
            "doubled": [["n": 2, "at": 0, "tag": "t"], ["n": 4, "at": 1, "tag": "t"], ["n": 6, "at": 2, "tag": "t"]],
        ]))
        #expect(recorder.types.filter { $0 == "MapIterationSucceeded" }.count == 3)
    }

    @Test func failStateEndsTheExecutionWithItsErrorAndCause() async throws {
        let recorder = Recorder()
        let outcome = try await run("""
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Rejected", "CausePath": "$.why"}}}
            """, input: ["why": "bad data"], recorder: recorder)
        #expect(outcome == .failed(StatesError("Rejected", "bad data")))
        #expect(recorder.types == ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
    }

    @Test func failStateCausePathTakesAnIntrinsicFunction() async throws {
        let outcome = try await run("""
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('order {} rejected', $.id)"}}}
            """, input: ["code": "Order.Rejected", "id": 42])
        #expect(outcome == .failed(StatesError("Order.Rejected", "order 42 rejected")))
    }

    @Test func stateExitedListsAssignedVariablesAsJSONText() async throws {
        let recorder = Recorder()
        _ = try await run("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"limit": 3, "who": "bob"}, "End": true}}}
            """, recorder: recorder)
        let exited = recorder.recorded.first { $0.type == "PassStateExited" }?.details?.value
        #expect(exited?["assignedVariables"] == .object(["limit": "3", "who": "\"bob\""]))
        #expect(exited?["assignedVariablesDetails"] == ["truncated": false])
    }

    @Test func taskTimeoutFailsWithStatesTimeout() async throws {
        final class SlowInvoker: TaskInvoker {
            func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
                do { try await Task.sleep(for: .seconds(30)) } catch { throw StatesError("States.Cancelled", "") }
                return .null
            }
        }
        let parsed = try StateMachineDefinition.parse("""
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true}}}
            """)
        let outcome = await Interpreter(invoker: SlowInvoker(), clock: VirtualClock(), history: Recorder())
            .run(parsed, input: [:], identity: Self.identity)
        guard case .failed(let error) = outcome else { Issue.record("expected a timeout"); return }
        #expect(error.error == "States.Timeout")
    }

    @Test func historyNamesEveryStepInOrder() async throws {
        let recorder = Recorder()
        _ = try await run("""
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """, recorder: recorder)
        #expect(recorder.types == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted",
            "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded",
        ])
    }

    @Test func assignSetsVariablesLaterStatesRead() async throws {
        let outcome = try await run("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": {"total": 5}, "Assign": {"count.$": "$.total"}, "Next": "B"},
              "B": {"Type": "Pass", "Parameters": {"seen.$": "$count"}, "End": true}
            }}
            """)
        #expect(outcome == .succeeded(["seen": 5]))
    }
}

/// Continuing an execution from its history after a restart.
@Suite("Interpreter resume")
struct InterpreterResumeTests {
    @Test func resumesAWaitFromItsOriginalDeadlineWithItsVariables() async throws {
        let definition = try StateMachineDefinition.parse("""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Result": 7, "Assign": {"seven.$": "$"}, "Next": "Sleep"},
              "Sleep": {"Type": "Wait", "Seconds": 100, "Next": "Done"},
              "Done": {"Type": "Pass", "Parameters": {"value.$": "$seven"}, "End": true}
            }}
            """)
        let first = InterpreterTests.Recorder()
        let clock = InterpreterTests.VirtualClock()
        let start = clock.now()
        // Run until the Wait is entered, then cancel, as a crash would stop it.
        let task = Task {
            await Interpreter(invoker: InterpreterTests.ScriptedInvoker { request, _ in request.input }, clock: BlockingClock(), history: first)
                .run(definition, input: ["x": 1], identity: InterpreterTests.identity)
        }
        while !first.types.contains("WaitStateEntered") { await Task.yield() }
        task.cancel()
        _ = await task.value

        let point = try #require(ResumePoint.from(history: first.recorded))
        #expect(point.stateName == "Sleep")
        #expect(point.variables == ["seven": 7])
        let second = InterpreterTests.Recorder()
        let outcome = await Interpreter(invoker: InterpreterTests.ScriptedInvoker { request, _ in request.input }, clock: clock, history: second)
            .resume(definition, at: point, executionInput: ["x": 1], identity: InterpreterTests.identity)
        #expect(outcome == .succeeded(["value": 7]))
        // The wait ended 100 s after it was first entered, not after the resume.
        #expect(clock.now() == point.enteredTime!.addingTimeInterval(100))
        #expect(clock.now() > start)
        #expect(second.types.first == "WaitStateEntered")
    }

    @Test func statesInsideAParallelAreNotResumePoints() {
        let events = [
            HistoryEvent(type: "ExecutionStarted", timestamp: Date()),
            HistoryEvent(type: "ParallelStateEntered", details: ("stateEnteredEventDetails", ["name": "P", "input": "{}"]), timestamp: Date()),
            HistoryEvent(type: "PassStateEntered", details: ("stateEnteredEventDetails", ["name": "Inner", "input": "{}"]), timestamp: Date()),
        ]
        #expect(ResumePoint.from(history: events)?.stateName == "P")
    }

    /// A clock whose sleeps never end until cancelled: the first run is interrupted in its Wait.
    final class BlockingClock: StatesClock {
        func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
        func sleep(until deadline: Date) async throws { try await Task.sleep(for: .seconds(3600)) }
    }
}

@Suite("Context object times")
struct StatesTimeTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(StatesTime.format(Date(timeIntervalSince1970: 1_700_000_000.123)) == "2023-11-14T22:13:20.123Z")
        #expect(StatesTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(StatesTime.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(StatesTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }
}
