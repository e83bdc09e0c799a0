import BrumeEventRules
import BrumeWire

/// What a target receives for an event: the whole event, or the target's `Input` (a constant),
/// `InputPath` (one part of the event) or `InputTransformer` (a template filled from the event).
enum TargetInput {
    /// `ruleName`, `ruleARN` and `ingestionTime` fill an InputTransformer's `aws.events.*` variables.
    static func text(
        for target: TargetRecord, event: JSONValue, eventText: String, ruleName: String, ruleARN: String, ingestionTime: String
    ) -> String {
        if let input = target.input { return input }
        if let path = target.inputPath {
            // A path that selects nothing sends JSON null, rather than dropping the event.
            let selected = EventInputPath.select(path, in: event) ?? .null
            return String(decoding: selected.serialized, as: UTF8.self)
        }
        if let shape = target.inputTransformer,
           let transformer = try? InputTransformer(inputPathsMap: shape.inputPathsMap ?? [:], inputTemplate: shape.inputTemplate) {
            return transformer.transform(event, ruleName: ruleName, ruleArn: ruleARN, ingestionTime: ingestionTime)
        }
        return eventText
    }
}
