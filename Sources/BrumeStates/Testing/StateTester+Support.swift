import BrumeWire
import Foundation
import Synchronization

extension StateTester {
    /// The tested state's name and JSON: the state itself, or `stateName` (else StartAt) of a machine.
    static func locate(_ request: Request) throws(Failure) -> (String, JSONObject) {
        guard let json = try? JSONValue.parse(Array(request.definition.utf8)), let object = json.objectValue else {
            throw .invalidDefinition("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: The definition must be a JSON object'")
        }
        guard let states = object["States"]?.objectValue else {
            return (request.stateName ?? "TestState", object)
        }
        let name = request.stateName ?? object["StartAt"]?.stringValue ?? ""
        guard let state = states[name]?.objectValue else {
            throw .unsupported("The state '\(name)' is not a top-level state of the definition.")
        }
        return (name, state)
    }

    /// A state wrapped into a one-state machine the interpreter can run.
    struct Wrapped {
        var machine: JSONObject
        /// The state as written (Retry and Catch kept, its catchers' targets as stubs): parsed
        /// to validate it and to read its error handlers.
        var original: JSONObject
        /// The state's own `Next`, reported when it succeeds.
        var next: String?
        /// Maps a stub's name back to the target it stands for.
        var targetName: @Sendable (String) -> String
    }

    /// Removes Retry and Catch (``handle(_:state:input:retryCount:inspection:)`` judges them),
    /// ends the state instead of moving on, and adds a stub Pass for every Choice target.
    static func wrap(name: String, state: JSONObject) throws(Failure) -> Wrapped {
        let type = state["Type"]?.stringValue ?? ""
        guard type != "Map", type != "Parallel" else {
            throw .unsupported("Brume's TestState does not run \(type) states yet.")
        }
        var copy = state
        copy["Retry"] = nil
        copy["Catch"] = nil
        // Nothing is waited for (the clock returns at once), so task timeouts would fire at once.
        for timing in ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"] { copy[timing] = nil }
        let next = copy["Next"]?.stringValue
        if next != nil {
            copy["Next"] = nil
            copy["End"] = .bool(true)
        }
        var states: JSONObject = [:]
        var stubs: [String: String] = [:]
        if type == "Choice" {
            // Each target becomes a stub Pass; a target that is the state itself gets another name.
            func stub(_ target: String) -> String {
                let stubName = target == name ? "\(target) (next)" : target
                stubs[stubName] = target
                states[stubName] = .object(["Type": .string("Pass"), "End": .bool(true)])
                return stubName
            }
            if var choices = copy["Choices"]?.arrayValue {
                for index in choices.indices {
                    if var rule = choices[index].objectValue, let target = rule["Next"]?.stringValue {
                        rule["Next"] = .string(stub(target))
                        choices[index] = .object(rule)
                    }
                }
                copy["Choices"] = .array(choices)
            }
            if let target = copy["Default"]?.stringValue { copy["Default"] = .string(stub(target)) }
        }
        states[name] = .object(copy)
        let machine: JSONObject = ["StartAt": .string(name), "States": .object(states)]
        var asWritten = copy
        asWritten["Retry"] = state["Retry"]
        asWritten["Catch"] = state["Catch"]
        var originalStates = states
        for catcher in state["Catch"]?.arrayValue ?? [] {
            if let target = catcher["Next"]?.stringValue, target != name {
                originalStates[target] = .object(["Type": .string("Pass"), "End": .bool(true)])
            }
        }
        originalStates[name] = .object(asWritten)
        let original: JSONObject = ["StartAt": .string(name), "States": .object(originalStates)]
        let names = stubs
        return Wrapped(machine: machine, original: original, next: next, targetName: { names[$0] ?? $0 })
    }
}

extension State {
    /// The state's retriers and catchers, for the kinds that have them.
    var errorHandlers: (retry: [Retrier], catch: [Catcher]) {
        switch kind {
        case .task(let task): (task.retry, task.catch)
        case .parallel(let parallel): (parallel.retry, parallel.catch)
        case .map(let map): (map.retry, map.catch)
        default: ([], [])
        }
    }
}

/// Collects the events of a tested state.
final class TestHistory: HistoryRecorder {
    private let recorded = Mutex<[HistoryEvent]>([])

    var events: [HistoryEvent] { recorded.withLock { $0 } }

    @discardableResult
    func record(_ event: HistoryEvent) -> Int {
        recorded.withLock { events in
            events.append(event)
            return events.count
        }
    }
}

/// TestState does not wait: a Wait state is judged, not slept through (task timeouts are
/// removed from the tested state for the same reason).
struct ImmediateClock: StatesClock {
    func now() -> Date { Date() }
    func sleep(until deadline: Date) async throws {}
}

/// Answers every task with the request's mock.
struct MockInvoker: TaskInvoker {
    let mock: StateTester.Mock

    func invoke(_ request: TaskRequest) async throws(StatesError) -> JSONValue {
        switch mock {
        case .result(let value): return value
        case .failure(let error, let cause): throw StatesError(error, cause)
        }
    }
}
