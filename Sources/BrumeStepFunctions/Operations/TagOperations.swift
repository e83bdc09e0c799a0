import BrumeWire

/// TagResource, UntagResource, ListTagsForResource (state machines).
extension StepFunctionsService {
    func tagResource(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("resourceArn")
        try Self.checkTaggableARN(arn)
        let tags = try call.input.tags()
        try TagRules.validate(tags, arn: arn)
        try await backend.setTags(arn) { (current: inout [Tag]) throws(StepFunctionsError) in
            for tag in tags {
                if let index = current.firstIndex(where: { $0.key == tag.key }) { current[index] = tag } else { current.append(tag) }
            }
            guard current.count <= TagRules.maximumCount else { throw .tooManyTags(arn) }
        }
        return .object([:])
    }

    func untagResource(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("resourceArn")
        try Self.checkTaggableARN(arn)
        let keys = Set(try call.input.stringList("tagKeys"))
        try await backend.setTags(arn) { (current: inout [Tag]) throws(StepFunctionsError) in
            current.removeAll { keys.contains($0.key) }
        }
        return .object([:])
    }

    func listTagsForResource(_ call: StepFunctionsCall) async throws -> JSONValue {
        let arn = try call.input.requiredString("resourceArn")
        try Self.checkTaggableARN(arn)
        let machine: StateMachineRecord
        do {
            machine = try await backend.stateMachine(arn)
        } catch {
            throw StepFunctionsError.resourceNotFound(arn)
        }
        return ["tags": .array(machine.tags.map { ["key": .string($0.key), "value": .string($0.value)] })]
    }

    static func checkTaggableARN(_ arn: String) throws(StepFunctionsError) {
        guard let parsed = StepFunctionsNames.parse(arn), ["stateMachine", "activity"].contains(parsed.kind) else { throw .invalidArn(arn) }
    }
}

/// Step Functions' tag limits: 50 per resource, keys of 1–128 characters, values of up to 256.
enum TagRules {
    static let maximumCount = 50

    static func validate(_ tags: [Tag], arn: String) throws(StepFunctionsError) {
        guard tags.count <= maximumCount else { throw .tooManyTags(arn) }
        for tag in tags {
            guard (1...128).contains(tag.key.count) else {
                throw .validation("1 validation error detected: Value '\(tag.key)' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128")
            }
            guard tag.value.count <= 256 else {
                throw .validation("1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
            }
        }
    }
}
