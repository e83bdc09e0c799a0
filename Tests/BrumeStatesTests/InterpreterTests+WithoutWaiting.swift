@testable import BrumeStates
import BrumeWire
import Foundation
import Synchronization
import Testing

/// Graphs whose states never wait (Pass, Choice, Succeed, Fail) run without asynchronous calls:
/// a stop must still end them between states, and their variables and event ids must be those
/// of the waiting path.
extension InterpreterTests {
    /// Records like `Recorder`, and cancels the task recording the `cancelAt`-th MapIterationStarted
    /// event, as StopExecution cancels an execution's task while its Map runs.
    final class CancellingRecorder: HistoryRecorder {
        private let events = Mutex<[HistoryEvent]>([])
        let cancelAt: Int

        init(cancelAt: Int) { self.cancelAt = cancelAt }

        func record(_ event: HistoryEvent) -> Int {
            let (count, started) = events.withLock { events in
                events.append(event)
                return (events.count, events.count { $0.type == "MapIterationStarted" })
            }
            if event.type == "MapIterationStarted", started == cancelAt { withUnsafeCurrentTask { $0?.cancel() } }
            return count
        }

        var types: [String] { events.withLock { $0.map(\.type) } }
    }

    @Test func aStopEndsAMapWhoseIterationsNeverWaitBetweenItems() async throws {
        let definition = try StateMachineDefinition.parse("""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
            """)
        guard case .map(let map) = definition.graph.nodes[0].kind else { Issue.record("expected a Map"); return }
        #expect(map.processor.neverWaits)
        let recorder = CancellingRecorder(cancelAt: 3)
        let items = JSONValue.array((0..<100_000).map { .int(Int64($0)) })
        let interpreter = Interpreter(invoker: ScriptedInvoker { request, _ in request.input }, clock: VirtualClock(), history: recorder)
        let outcome = await Task { await interpreter.run(definition, input: ["items": items], identity: Self.identity) }.value
        #expect(outcome == .failed(StatesError("States.Cancelled", "The execution was stopped.")))
        #expect(recorder.types.count { $0 == "MapIterationStarted" } == 3)
        #expect(recorder.types.suffix(3) == ["MapIterationFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test func aGraphThatNeverWaitsCarriesVariablesAndQuotesEventIDs() async throws {
        let recorder = Recorder()
        let outcome = try await run("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Assign": {"limit": 2}, "Next": "Pick"},
              "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 2, "Next": "Big",
                       "Assign": {"size": "big"}}], "Default": "Small"},
              "Big": {"Type": "Pass", "Parameters": {"size.$": "$size", "limit.$": "$limit"}, "Next": "Broken"},
              "Small": {"Type": "Succeed"},
              "Broken": {"Type": "Pass", "InputPath": "$.missing", "End": true}
            }}
            """, input: ["n": 3], recorder: recorder)
        // Broken's entered event is the 8th: ExecutionStarted, then two events per state before it.
        #expect(outcome == .failed(StatesError(
            "States.Runtime",
            "An error occurred while executing the state 'Broken' (entered at the event id #8). Invalid path '$.missing' : No results for path: $['missing']"
        )))
        let exited = recorder.recorded.first { $0.type == "PassStateExited" && $0.details?.value["name"] == "Big" }
        #expect(exited?.details?.value["output"] == #"{"size":"big","limit":2}"#)
        #expect(recorder.types.suffix(2) == ["PassStateEntered", "ExecutionFailed"])
    }
}
