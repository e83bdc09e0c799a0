import BrumeWire

/// Turns definition JSON into a ``StateMachineDefinition``, collecting schema diagnostics in
/// ``reader`` rather than stopping at the first.
///
/// The type-specific fields are read in `DefinitionParser+Kinds.swift`; transitions between
/// states are checked afterwards by ``DefinitionGraphCheck``.
struct DefinitionParser {
    var reader = DefinitionReader()

    /// The longest state name ASL allows, in characters.
    static let maximumStateNameLength = 80

    static let topLevelFields: Set<String> = ["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"]
    static let branchFields: Set<String> = ["Comment", "StartAt", "States"]

    /// The fields every state of a type may have, beyond its type-specific ones.
    static let commonFields: [String: Set<String>] = [
        "Pass": ["Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Assign",
                 "Result", "ResultPath", "Parameters"],
        "Task": ["Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Assign",
                 "Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                 "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"],
        "Choice": ["Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Assign", "Choices", "Default"],
        "Wait": ["Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Assign",
                 "Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
        "Succeed": ["Type", "Comment", "QueryLanguage", "InputPath", "OutputPath"],
        "Fail": ["Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"],
        "Parallel": ["Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Assign",
                     "Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"],
        "Map": ["Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Assign",
                "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters",
                "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                "ResultSelector", "ResultPath", "Retry", "Catch",
                // Distributed mode only; inline Maps refuse them with their own message.
                "ItemReader", "ItemBatcher", "ResultWriter", "Label"],
    ]

    static let stateTypes = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]

    // MARK: - The machine

    mutating func parseDefinition(_ json: JSONValue) -> StateMachineDefinition? {
        guard case .object(let root) = json else {
            reader.fail("Expected value of type: Object", at: "/")
            return nil
        }
        reader.checkFields(root, allowed: Self.topLevelFields, at: "/")
        let language = queryLanguage(in: root, at: "")
        let timeout = reader.integer("TimeoutSeconds", in: root, at: "", minimum: 1)
        let version = reader.string("Version", in: root, at: "")
        guard let graph = parseGraph(root, at: "", checkFields: false) else { return nil }
        return StateMachineDefinition(graph: graph, timeoutSeconds: timeout, version: version, queryLanguage: language ?? .jsonPath)
    }

    /// Reads a `QueryLanguage` field, refusing JSONata, which Brume does not evaluate yet.
    mutating func queryLanguage(in object: JSONObject, at location: String) -> StateMachineDefinition.QueryLanguage? {
        guard let text = reader.string("QueryLanguage", in: object, at: location) else { return nil }
        switch StateMachineDefinition.QueryLanguage(rawValue: text) {
        case .jsonPath: return .jsonPath
        case .jsonata:
            reader.report(.unsupported("QueryLanguage 'JSONata'", at: "\(location)/QueryLanguage"))
            return nil
        case nil:
            reader.fail("Value is not one of the allowed values: [JSONPath, JSONata]", at: "\(location)/QueryLanguage")
            return nil
        }
    }

    /// Reads `Comment`, `StartAt` and `States` of the machine, a branch or an item processor.
    mutating func parseGraph(_ object: JSONObject, at location: String, checkFields: Bool = true, allowed: Set<String> = branchFields) -> StateGraph? {
        if checkFields { reader.checkFields(object, allowed: allowed, at: location.isEmpty ? "/" : location) }
        let comment = reader.string("Comment", in: object, at: location)
        guard reader.require(["StartAt", "States"], in: object, at: location.isEmpty ? "/" : location) else { return nil }
        let startAt = reader.string("StartAt", in: object, at: location)
        guard let members = reader.object("States", in: object, at: location) else { return nil }
        var states: [String: State] = [:]
        var order: [String] = []
        for (name, value) in members {
            let stateLocation = "\(location)/States/\(name)"
            if name.count > Self.maximumStateNameLength {
                reader.report(DefinitionDiagnostic(
                    code: DefinitionDiagnosticCode.invalidStateName,
                    message: "State name '\(name)' is longer than \(Self.maximumStateNameLength) characters",
                    location: stateLocation
                ))
            }
            guard let state = parseState(name: name, value, at: stateLocation) else { continue }
            states[name] = state
            order.append(name)
        }
        guard let startAt else { return nil }
        return StateGraph(comment: comment, startAt: startAt, order: order, states: states)
    }

    // MARK: - A state

    mutating func parseState(name: String, _ value: JSONValue, at location: String) -> State? {
        guard case .object(let object) = value else {
            reader.fail("Expected value of type: Object", at: location)
            return nil
        }
        guard reader.require(["Type"], in: object, at: location), let type = reader.string("Type", in: object, at: location) else { return nil }
        guard let allowed = Self.commonFields[type] else {
            reader.fail("Value is not one of the allowed values: [\(Self.stateTypes.joined(separator: ", "))]", at: "\(location)/Type")
            return nil
        }
        let before = reader.diagnostics.count
        reader.checkFields(object, allowed: allowed, at: location)
        _ = queryLanguage(in: object, at: location)
        let comment = reader.string("Comment", in: object, at: location)
        let transition = parseTransition(type: type, in: object, at: location)
        let inputPath = reader.nullablePath("InputPath", in: object, at: location)
        let outputPath = reader.nullablePath("OutputPath", in: object, at: location)
        let assign = reader.template("Assign", in: object, at: location)
        let kind: State.Kind? = switch type {
        case "Pass": parsePass(object, at: location)
        case "Task": parseTask(object, at: location)
        case "Choice": parseChoice(object, at: location)
        case "Wait": parseWait(object, at: location)
        case "Succeed": .succeed
        case "Fail": parseFail(object, at: location)
        case "Parallel": parseParallel(object, at: location)
        default: parseMap(object, at: location)
        }
        guard let kind, reader.diagnostics.count == before else { return nil }
        return State(name: name, kind: kind, comment: comment, transition: transition, inputPath: inputPath, outputPath: outputPath, assign: assign)
    }

    /// `Next` or `End: true`, exactly one, for every type except Choice, Succeed and Fail (whose
    /// field sets already refuse both).
    mutating func parseTransition(type: String, in object: JSONObject, at location: String) -> State.Transition? {
        guard !["Choice", "Succeed", "Fail"].contains(type) else { return nil }
        let next = reader.string("Next", in: object, at: location)
        let end = reader.bool("End", in: object, at: location)
        switch (next, end) {
        case (nil, nil), (nil, false?):
            // `End: false` ends nothing, so it counts as missing.
            if object["Next"] == nil, object["End"] == nil || end == false {
                reader.fail("Exactly one of the following fields is required: [Next, End]", at: location)
            }
            return nil
        case (let next?, nil): return .next(next)
        case (nil, true?): return .end
        case (_?, _?):
            reader.fail("There should only be one of the following fields: [Next, End]", at: location)
            return nil
        }
    }
}
