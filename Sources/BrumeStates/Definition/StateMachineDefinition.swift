import BrumeWire

/// A state machine definition parsed from Amazon States Language and validated the way
/// `CreateStateMachine` validates it.
///
/// ```swift
/// let definition = try StateMachineDefinition.parse(#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#)
/// ```
public struct StateMachineDefinition: Sendable, Equatable {
    /// The top-level states, their order and `StartAt`.
    var graph: StateGraph
    /// The execution timeout (`TimeoutSeconds`), if any.
    var timeoutSeconds: Int64?
    /// The ASL version string (`Version`), informational only.
    var version: String?
    /// The query language; only JSONPath is supported so far, so this is always `.jsonPath`.
    var queryLanguage: QueryLanguage
    /// Every path the definition writes, parsed once here rather than at each state that runs.
    var paths = ParsedPaths.empty

    var comment: String? { graph.comment }
    var startAt: String { graph.startAt }

    /// The expression language of a machine or a state.
    enum QueryLanguage: String, Sendable, Equatable {
        case jsonPath = "JSONPath"
        case jsonata = "JSONata"
    }

    /// Parses and validates `text`, as `CreateStateMachine` does.
    ///
    /// - Throws: ``DefinitionError`` carrying every error diagnostic; its `message` is the
    ///   `InvalidDefinition` message AWS sends.
    public static func parse(_ text: String) throws(DefinitionError) -> StateMachineDefinition {
        let (definition, diagnostics) = analyze(text)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let definition else { throw DefinitionError(diagnostics: errors) }
        return definition
    }

    /// Every diagnostic for `text`, as `ValidateStateMachineDefinition` lists them; empty when
    /// the definition is valid.
    public static func validate(_ text: String) -> [DefinitionDiagnostic] {
        analyze(text).diagnostics
    }

    /// Runs the two passes AWS's order implies: the schema first, then (only on a definition whose
    /// schema is sound, so half-read states cause no noise) transitions, names and reachability.
    static func analyze(_ text: String) -> (definition: StateMachineDefinition?, diagnostics: [DefinitionDiagnostic]) {
        if text.allSatisfy(\.isWhitespace) {
            return (nil, [DefinitionDiagnostic(code: DefinitionDiagnosticCode.missingDescription, message: "Received a null or empty workflow input", location: nil)])
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Array(text.utf8))
        } catch {
            return (nil, [DefinitionDiagnostic(code: DefinitionDiagnosticCode.invalidJSONDescription, message: error.description, location: nil)])
        }
        var parser = DefinitionParser()
        let definition = parser.parseDefinition(json)
        guard parser.reader.diagnostics.isEmpty, var definition else { return (nil, parser.reader.diagnostics) }
        let graphDiagnostics = DefinitionGraphCheck.diagnostics(for: definition)
        guard graphDiagnostics.isEmpty else { return (nil, graphDiagnostics) }
        definition.paths = ParsedPaths(collectingFrom: json)
        return (definition, [])
    }
}

extension StateMachineDefinition {
    /// A Distributed Map's item processor as the state machine its child executions run.
    /// `paths` are the parent definition's, which include the processor's own.
    init(childOf processor: StateGraph, paths: ParsedPaths) {
        self.init(graph: processor, timeoutSeconds: nil, version: nil, queryLanguage: .jsonPath, paths: paths)
    }
}

/// A set of states with a starting state: the whole machine, a Parallel branch or a Map's
/// item processor. Transitions never leave the graph they are declared in.
struct StateGraph: Sendable, Equatable {
    var comment: String?
    let startAt: String
    /// The state names in the order the definition wrote them.
    let order: [String]
    let states: [String: State]
    /// The states in definition order, so the interpreter moves between positions rather than
    /// looking names up.
    let nodes: [State]
    /// Each state's position in ``nodes``.
    private let positions: [String: Int]
    /// The position of ``startAt`` (nil if no state has that name, which validation refuses):
    /// known without a lookup, as each Map iteration starts its graph afresh.
    let startPosition: Int?
    /// Whether every state only computes (Pass, Choice, Succeed, Fail): running the graph never
    /// waits for a task, a clock or another branch, so it runs without an asynchronous call.
    let neverWaits: Bool
    /// Where each state's `Next` leads, as a position in ``nodes``: nil for `End`, for the
    /// types without `Next` and for a `Next` naming no state (which validation refuses).
    private let successors: [Int?]

    init(comment: String?, startAt: String, order: [String], states: [String: State]) {
        self.comment = comment
        self.startAt = startAt
        self.order = order
        self.states = states
        let nodes = order.compactMap { states[$0] }
        var positions: [String: Int] = [:]
        for (position, state) in nodes.enumerated() { positions[state.name] = position }
        self.nodes = nodes
        self.positions = positions
        startPosition = positions[startAt]
        neverWaits = nodes.allSatisfy(\.kind.neverWaits)
        successors = nodes.map { state in
            if case .next(let name) = state.transition { positions[name] } else { nil }
        }
    }

    subscript(name: String) -> State? { states[name] }

    /// The states in definition order.
    var orderedStates: [State] { nodes }

    /// The position of the state called `name` in ``nodes``.
    func position(of name: String) -> Int? { positions[name] }

    /// The position of `name`, reached from the state at `position`: that state's own `Next`
    /// is known without a lookup, other targets (Choice rules, Catch) are looked up.
    func position(of name: String, from position: Int) -> Int? {
        if let successor = successors[position], nodes[successor].name == name { return successor }
        return positions[name]
    }
}
