@testable import BrumeStates
import BrumeWire
import Foundation
import Synchronization
import Testing

/// What the interpreter records when the recorder skips details, and that the JSON text one
/// state's exited event wrote is the text the next state's entered event quotes.
extension InterpreterTests {
    /// Keeps events like `Recorder` but declares it does not read their details.
    final class TypesOnlyRecorder: HistoryRecorder {
        private let events = Mutex<[HistoryEvent]>([])
        var recordsDetails: Bool { false }
        func record(_ event: HistoryEvent) -> Int { events.withLock { $0.append(event); return $0.count } }
        var recorded: [HistoryEvent] { events.withLock { $0 } }
    }

    // MaxConcurrency 1 so the iterations' events come in one order in both runs.
    static let historyDefinition = """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Parameters": {"n.$": "$.n", "s": "x"}, "ResultPath": "$.p", "Assign": {"v.$": "$.n"}, "Next": "Fan"},
          "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
            "States": {"I": {"Type": "Pass", "End": true}}}, "ResultPath": "$.out", "Next": "B"},
          "B": {"Type": "Pass", "InputPath": "$.missing", "End": true}
        }}
        """

    @Test func aRecorderWithoutDetailsGetsTheSameEventsAndOutcomeWithoutDetails() async throws {
        let definition = try StateMachineDefinition.parse(Self.historyDefinition)
        let input: JSONValue = ["n": 1, "items": [1, 2]]
        let full = Recorder()
        let bare = TypesOnlyRecorder()
        let fullOutcome = await Interpreter(invoker: ScriptedInvoker { r, _ in r.input }, clock: VirtualClock(), history: full)
            .run(definition, input: input, identity: Self.identity)
        let bareOutcome = await Interpreter(invoker: ScriptedInvoker { r, _ in r.input }, clock: VirtualClock(), history: bare)
            .run(definition, input: input, identity: Self.identity)
        // The failure quotes the id of B's entered event, which must not move.
        guard case .failed(let error) = fullOutcome else { Issue.record("expected a failure"); return }
        #expect(error.cause.contains("entered at the event id #"))
        #expect(bareOutcome == fullOutcome)
        #expect(bare.recorded.map(\.type) == full.recorded.map(\.type))
        #expect(bare.recorded.allSatisfy { $0.details == nil })
        #expect(full.recorded.contains { $0.details != nil })
    }

    @Test func eachStateQuotesItsInputAndOutputAsJSONText() async throws {
        let recorder = Recorder()
        _ = try await run("""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": {"b": [1, "two"]}, "ResultPath": "$.r", "Next": "B"},
              "B": {"Type": "Pass", "OutputPath": "$.r", "Next": "C"},
              "C": {"Type": "Succeed"}
            }}
            """, input: ["a": 1], recorder: recorder)
        let quoted = recorder.recorded.compactMap { event -> String? in
            guard let details = event.details?.value else { return nil }
            return (details["input"] ?? details["output"])?.stringValue.map { "\(event.type) \($0)" }
        }
        #expect(quoted == [
            #"ExecutionStarted {"a":1}"#,
            #"PassStateEntered {"a":1}"#,
            #"PassStateExited {"a":1,"r":{"b":[1,"two"]}}"#,
            #"PassStateEntered {"a":1,"r":{"b":[1,"two"]}}"#,
            #"PassStateExited {"b":[1,"two"]}"#,
            #"SucceedStateEntered {"b":[1,"two"]}"#,
            #"SucceedStateExited {"b":[1,"two"]}"#,
            #"ExecutionSucceeded {"b":[1,"two"]}"#,
        ])
    }
}
