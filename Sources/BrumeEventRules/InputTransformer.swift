public import BrumeWire

/// A target's `InputTransformer`: values picked out of the matched event by JSONPath
/// (`InputPathsMap`) and written into a template (`InputTemplate`) to make what the target
/// receives.
///
/// ```swift
/// let transformer = try InputTransformer(
///     inputPathsMap: ["instance": "$.detail.instance-id", "state": "$.detail.state"],
///     inputTemplate: #""<instance> is in state <state>""#)
/// transformer.transform(event)   // "\"i-0123456789 is in state RUNNING\""
/// ```
///
/// Besides the variables of `InputPathsMap`, a template may use the predefined ones (see
/// ``reservedVariables``). Where a placeholder stands decides how its value is written: see
/// ``InputTemplate``.
public struct InputTransformer: Sendable {
    /// The variables EventBridge defines for every template; `InputPathsMap` cannot define them.
    ///
    /// - `aws.events.rule-arn`, `aws.events.rule-name`: the rule that matched;
    /// - `aws.events.event.ingestion-time`: when EventBridge received the event (ISO 8601);
    /// - `aws.events.event`: the event without its `detail`;
    /// - `aws.events.event.json`: the whole event.
    public static let reservedVariables: Set<String> = [
        "aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time",
        "aws.events.event", "aws.events.event.json",
    ]

    /// The most variables `InputPathsMap` may define.
    public static let maximumPaths = 100
    /// The longest template PutTargets accepts, in characters.
    public static let maximumTemplateLength = 8192
    /// The longest variable name PutTargets accepts, in characters.
    public static let maximumNameLength = 256

    let paths: [String: EventJSONPath]
    let template: InputTemplate

    /// `InputPathsMap` (variable name to JSONPath) and `InputTemplate`, validated as PutTargets
    /// validates them.
    ///
    /// - Throws: ``InputTransformerError`` when there are more than 100 paths, a name is not
    ///   1–256 letters, digits, `_` or `-`, a path is not a dot-notation JSONPath, or the
    ///   template is empty, too long, or a JSON object that is not valid JSON or uses a
    ///   placeholder as a key.
    public init(inputPathsMap: [String: String], inputTemplate: String) throws(InputTransformerError) {
        guard inputPathsMap.count <= Self.maximumPaths else {
            throw InputTransformerError(message: "InputPathsMap must contain at most \(Self.maximumPaths) entries.")
        }
        var paths: [String: EventJSONPath] = [:]
        for (name, path) in inputPathsMap {
            guard (1...Self.maximumNameLength).contains(name.count), name.allSatisfy(Self.isNameCharacter) else {
                throw InputTransformerError(
                    message: "InputPathsMap key \(name) is not valid: use 1 to \(Self.maximumNameLength) letters, digits, _ or -.")
            }
            guard path.count <= EventJSONPath.maximumLength, let parsed = EventJSONPath(path, allowsBracketNames: false) else {
                throw InputTransformerError(message: "InputPathsMap value \(path) for key \(name) is not a valid JSON path.")
            }
            paths[name] = parsed
        }
        guard (1...Self.maximumTemplateLength).contains(inputTemplate.count) else {
            throw InputTransformerError(
                message: "InputTemplate must be between 1 and \(Self.maximumTemplateLength) characters long.")
        }
        let template = InputTemplate(inputTemplate) { paths[$0] != nil || Self.reservedVariables.contains($0) }
        try Self.validateJSONShape(template, text: inputTemplate)
        self.paths = paths
        self.template = template
    }

    /// The text delivered to the target for `event`, with the rule variables left empty.
    ///
    /// Use ``transform(_:ruleName:ruleArn:ingestionTime:)`` when the template may name them.
    public func transform(_ event: JSONValue) -> String {
        transform(event, ruleName: "", ruleArn: "", ingestionTime: event["time"]?.stringValue ?? "")
    }

    /// The text delivered to the target for `event`, matched by the rule `ruleName` (`ruleArn`)
    /// and received at `ingestionTime` (ISO 8601, e.g. `2024-05-01T12:00:00Z`).
    public func transform(_ event: JSONValue, ruleName: String, ruleArn: String, ingestionTime: String) -> String {
        template.render { name in
            if let path = paths[name] { return path.select(in: event) }
            switch name {
            case "aws.events.rule-arn": return .string(ruleArn)
            case "aws.events.rule-name": return .string(ruleName)
            case "aws.events.event.ingestion-time": return .string(ingestionTime)
            case "aws.events.event":
                guard var object = event.objectValue else { return event }
                object["detail"] = nil
                return .object(object)
            case "aws.events.event.json": return event
            default: return nil
            }
        }
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    /// A template written as a JSON object must be one once its placeholders are filled, and
    /// may not use a placeholder as a key: checked by filling in stand-ins and parsing.
    private static func validateJSONShape(_ template: InputTemplate, text: String) throws(InputTransformerError) {
        guard text.first(where: { !$0.isWhitespace }) == "{" else { return }
        let marker = "brume-placeholder-5c1e"
        let filled = template.render { _ in .string(marker) }
        guard let document = try? JSONValue.parse(Array(filled.utf8)) else {
            throw InputTransformerError(message: "InputTemplate is not valid JSON.")
        }
        if document.hasKey(containing: marker) {
            throw InputTransformerError(message: "InputTemplate cannot use a placeholder as an object key.")
        }
    }
}

extension JSONValue {
    /// Whether any object key, at any depth, contains `fragment`.
    fileprivate func hasKey(containing fragment: String) -> Bool {
        switch self {
        case .object(let object): object.contains { $0.key.contains(fragment) || $0.value.hasKey(containing: fragment) }
        case .array(let elements): elements.contains { $0.hasKey(containing: fragment) }
        default: false
        }
    }
}
