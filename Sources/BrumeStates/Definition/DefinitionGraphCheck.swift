/// The checks that need the whole machine: duplicate state names, transitions naming no state,
/// states nothing routes to, and graphs with no way to end.
///
/// Each graph (the machine, every Parallel branch and Map processor) is checked on its own:
/// transitions may not cross into or out of a branch. The diagnostic order follows AWS: dangling
/// targets before `MISSING_END_STATE`, and a missing end state suppresses the unreachable-state
/// walk of that graph.
enum DefinitionGraphCheck {
    static func diagnostics(for definition: StateMachineDefinition) -> [DefinitionDiagnostic] {
        var diagnostics: [DefinitionDiagnostic] = []
        var seen: Set<String> = []
        check(definition.graph, at: "", seen: &seen, into: &diagnostics)
        return diagnostics
    }

    private static func check(_ graph: StateGraph, at location: String, seen: inout Set<String>, into diagnostics: inout [DefinitionDiagnostic]) {
        if graph[graph.startAt] == nil {
            diagnostics.append(missingTarget("Missing 'StartAt' target: \(graph.startAt)", at: "\(location)/StartAt"))
        }
        for state in graph.orderedStates {
            let stateLocation = "\(location)/States/\(state.name)"
            // Names must be unique across the whole machine, branches included, because
            // execution history identifies states by name alone.
            if !seen.insert(state.name).inserted {
                diagnostics.append(DefinitionDiagnostic(
                    code: DefinitionDiagnosticCode.duplicateStateName,
                    message: "Duplicate State name: \(state.name)",
                    location: stateLocation
                ))
            }
            // AWS says 'Next' for every kind of transition, Default and Catch included.
            for target in state.targets where graph[target.name] == nil {
                diagnostics.append(missingTarget("Missing 'Next' target: \(target.name)", at: stateLocation + target.location))
            }
            for sub in state.subGraphs {
                check(sub.graph, at: stateLocation + sub.location, seen: &seen, into: &diagnostics)
            }
        }
        guard graph.orderedStates.contains(where: \.isTerminal) else {
            diagnostics.append(DefinitionDiagnostic(code: DefinitionDiagnosticCode.missingEndState, message: "Workflow has no terminal state", location: nil))
            return
        }
        // With no valid start every state would be "unreachable"; the StartAt diagnostic says it all.
        guard graph[graph.startAt] != nil else { return }
        let reachable = reachableStates(of: graph)
        for state in graph.orderedStates where !reachable.contains(state.name) {
            diagnostics.append(missingTarget("State \"\(state.name)\" is not reachable.", at: "\(location)/States/\(state.name)"))
        }
    }

    /// The states a walk from `StartAt` along every transition visits.
    static func reachableStates(of graph: StateGraph) -> Set<String> {
        var reached: Set<String> = []
        var pending = [graph.startAt]
        while let name = pending.popLast() {
            guard let state = graph[name], reached.insert(name).inserted else { continue }
            pending += state.targets.map(\.name)
        }
        return reached
    }

    private static func missingTarget(_ message: String, at location: String) -> DefinitionDiagnostic {
        DefinitionDiagnostic(code: DefinitionDiagnosticCode.missingTransitionTarget, message: message, location: location)
    }
}
