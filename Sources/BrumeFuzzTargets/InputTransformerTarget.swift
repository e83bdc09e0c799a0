import BrumeEventRules
import BrumeWire

/// EventBridge input transformers (a target's `InputPathsMap` and `InputTemplate`), as PutTargets
/// validates them and delivery applies them.
enum InputTransformerTarget {
    static let summary = "First line: InputPathsMap as a JSON object of strings; the rest: InputTemplate, applied to a fixed event"

    static func run(_ data: [UInt8]) {
        let (mapText, template) = FuzzInput.firstLine(data)
        var pathsMap: [String: String] = [:]
        if let object = (try? JSONValue.parse(Array(mapText.utf8)))?.objectValue {
            for (name, value) in object {
                guard let path = value.stringValue else { continue }
                pathsMap[name] = path
                if (try? EventInputPath.validate(path)) != nil {
                    _ = EventInputPath.select(path, in: EventPatternTarget.sampleEvent)
                }
            }
        }
        guard let transformer = try? InputTransformer(inputPathsMap: pathsMap, inputTemplate: FuzzInput.text(Array(template))) else { return }
        _ = transformer.transform(
            EventPatternTarget.sampleEvent, ruleName: "rule", ruleArn: "arn:aws:events:us-east-1:000000000000:rule/rule",
            ingestionTime: "2026-12-07T12:00:00Z"
        )
    }
}
