import BrumeWire
import Foundation

extension ResumePoint {
    /// Where an execution whose history ends without a result should continue: the last
    /// top-level state it entered, with the variables its earlier top-level states assigned.
    ///
    /// States inside a Parallel branch or Map iteration are not resume points: the whole
    /// Parallel or Map state runs again. Returns nil for a history without any state.
    public static func from(history: [HistoryEvent]) -> ResumePoint? {
        var depth = 0
        var variables: JSONObject = [:]
        var point: ResumePoint?
        for event in history {
            let details = event.details?.value ?? [:]
            let nests = event.type.hasPrefix("Parallel") || event.type.hasPrefix("Map")
            if event.type.hasSuffix("StateEntered") {
                if depth == 0, let name = details["name"]?.stringValue {
                    let input = details["input"]?.stringValue.flatMap { try? JSONValue.parse(Array($0.utf8)) } ?? .object([:])
                    point = ResumePoint(stateName: name, input: input, enteredTime: event.timestamp, variables: variables)
                }
                if nests { depth += 1 }
            } else if event.type.hasSuffix("StateExited") {
                if nests { depth = max(0, depth - 1) }
                guard depth == 0, let assigned = details["assignedVariables"]?.objectValue else { continue }
                // AWS records each assigned value as JSON text.
                for (name, text) in assigned {
                    if let text = text.stringValue, let value = try? JSONValue.parse(Array(text.utf8)) { variables[name] = value }
                }
            }
        }
        return point
    }
}
