import BrumeWire
import Foundation

/// Where a run of one graph stands: the position of the state to run next, its input and the
/// variables so far.
///
/// Both ways of running a graph (waiting, and without waiting) step through it with this, so
/// they move between states the same way. It does not keep the graph: a copy of a
/// ``StateGraph`` retains each of its members, once per Map iteration.
struct GraphWalk {
    private(set) var position: Int
    /// The next state's input.
    var data: JSONValue
    /// The JSON text of ``data`` when the previous state's exited event (or the caller) already wrote it.
    var dataText: String?
    var variables: JSONObject
    /// When the next state was entered, if before this run (a resumed Wait keeps its deadline);
    /// nil: when it starts.
    private(set) var enteredTime: Date?

    /// Starts at `start` (nil: the graph's StartAt).
    init(
        _ graph: StateGraph, from start: String?, input: JSONValue, inputText: String?, variables: JSONObject, firstEnteredTime: Date?
    ) throws(StatesError) {
        let found = if let start { graph.position(of: start) } else { graph.startPosition }
        guard let position = found else { throw .runtime("State '\(start ?? graph.startAt)' does not exist") }
        self.position = position
        data = input
        dataText = inputText
        self.variables = variables
        enteredTime = firstEnteredTime
    }

    /// Moves to where `step` leads in `graph`; returns the graph's output when the step ends it.
    mutating func advance(_ step: StateStep, in graph: StateGraph) throws(StatesError) -> JSONValue? {
        enteredTime = nil
        switch step {
        case .next(let next, let output):
            guard let found = graph.position(of: next, from: position) else { throw .runtime("State '\(next)' does not exist") }
            position = found
            data = output
            return nil
        case .end(let output):
            return output
        }
    }
}
