import BrumeWire

/// Which Task resources Brume can run. None yet: every Task state is refused at
/// CreateStateMachine with a message that says the limit is Brume's.
enum TaskResourceSupport {
    struct Unsupported: Equatable {
        var state: String
        var resource: String
        /// The JSON pointer of the Resource field (`/States/Work/Resource`).
        var location: String
    }

    static func isSupported(_ resource: String) -> Bool { false }

    /// The first Task state (depth first, in definition order, into Parallel branches and Map
    /// processors) whose resource Brume cannot run.
    static func firstUnsupported(in text: String) -> Unsupported? {
        guard let json = try? JSONValue.parse(Array(text.utf8)) else { return nil }
        return search(json, at: "")
    }

    private static func search(_ graph: JSONValue, at pointer: String) -> Unsupported? {
        guard let states = graph["States"]?.objectValue else { return nil }
        for (name, state) in states {
            let location = "\(pointer)/States/\(name)"
            if state["Type"]?.stringValue == "Task", let resource = state["Resource"]?.stringValue, !isSupported(resource) {
                return Unsupported(state: name, resource: resource, location: "\(location)/Resource")
            }
            for (index, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                if let found = search(branch, at: "\(location)/Branches/\(index)") { return found }
            }
            for key in ["ItemProcessor", "Iterator"] {
                if let processor = state[key], let found = search(processor, at: "\(location)/\(key)") { return found }
            }
        }
        return nil
    }
}
