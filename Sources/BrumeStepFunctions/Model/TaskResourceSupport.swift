import BrumeWire

/// Which Task resources a state machine may use: those ``TaskIntegration`` runs, and on an
/// EXPRESS machine none that waits (`.waitForTaskToken`, `.sync`) and no Distributed Map, as AWS
/// refuses them there.
enum TaskResourceSupport {
    struct Unsupported: Equatable {
        var state: String
        var resource: String
        /// The JSON pointer of the Resource field (`/States/Work/Resource`).
        var location: String
        /// What is wrong, for the `InvalidDefinition` message.
        var reason: Reason
    }

    enum Reason: Equatable {
        /// Brume has no integration for the resource.
        case notSupportedByBrume
        /// An EXPRESS machine cannot use this integration pattern.
        case expressPattern(String)
        /// An EXPRESS machine cannot run a Map state in Distributed mode.
        case expressDistributedMap
    }

    static func isSupported(_ resource: String) -> Bool { TaskIntegration(resource: resource) != nil }

    /// The first Task state (depth first, in definition order, into Parallel branches and Map
    /// processors) that a machine of `type` cannot run.
    static func firstUnsupported(in text: String, type: StateMachineType = .standard) -> Unsupported? {
        guard let json = try? JSONValue.parse(Array(text.utf8)) else { return nil }
        return search(json, at: "", type: type)
    }

    /// The `InvalidDefinition` message for `unsupported`.
    static func message(_ unsupported: Unsupported) -> String {
        switch unsupported.reason {
        case .notSupportedByBrume:
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource '\(unsupported.resource)' of state '\(unsupported.state)' "
                + "is not supported by Brume yet at \(unsupported.location)'"
        case .expressPattern(let pattern):
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '\(pattern)' service integration "
                + "at \(unsupported.location)'"
        case .expressDistributedMap:
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support Map state in DISTRIBUTED mode "
                + "at \(unsupported.location)'"
        }
    }

    private static func search(_ graph: JSONValue, at pointer: String, type: StateMachineType) -> Unsupported? {
        guard let states = graph["States"]?.objectValue else { return nil }
        for (name, state) in states {
            let location = "\(pointer)/States/\(name)"
            if state["Type"]?.stringValue == "Task", let resource = state["Resource"]?.stringValue {
                guard let integration = TaskIntegration(resource: resource) else {
                    return Unsupported(state: name, resource: resource, location: "\(location)/Resource", reason: .notSupportedByBrume)
                }
                if type == .express, let pattern = integration.expressRefusedPattern {
                    return Unsupported(state: name, resource: resource, location: "\(location)/Resource", reason: .expressPattern(pattern))
                }
            }
            if type == .express, state["Type"]?.stringValue == "Map", state["ItemProcessor"]?["ProcessorConfig"]?["Mode"]?.stringValue == "DISTRIBUTED" {
                let mode = "\(location)/ItemProcessor/ProcessorConfig/Mode"
                return Unsupported(state: name, resource: "", location: mode, reason: .expressDistributedMap)
            }
            for (index, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                if let found = search(branch, at: "\(location)/Branches/\(index)", type: type) { return found }
            }
            for key in ["ItemProcessor", "Iterator"] {
                if let processor = state[key], let found = search(processor, at: "\(location)/\(key)", type: type) { return found }
            }
        }
        return nil
    }
}
