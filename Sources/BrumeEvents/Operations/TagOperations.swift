import BrumeWire

/// TagResource, UntagResource, ListTagsForResource, for rules and custom event buses.
extension EventsService {
    func tagResource(_ call: EventsCall) async throws -> JSONValue {
        let resource = try Self.resource(call)
        guard let tags = try call.input.tags() else { throw EventsError.constraint(nil, at: "tags", "Member must not be null") }
        try await changeTags(resource) { $0.merge(tags) { $1 } }
        return .object([:])
    }

    func untagResource(_ call: EventsCall) async throws -> JSONValue {
        let resource = try Self.resource(call)
        guard let keys = try call.input.stringList("TagKeys") else { throw EventsError.constraint(nil, at: "tagKeys", "Member must not be null") }
        try await changeTags(resource) { tags in for key in keys { tags[key] = nil } }
        return .object([:])
    }

    func listTagsForResource(_ call: EventsCall) async throws -> JSONValue {
        let tags: [String: String]
        switch try Self.resource(call) {
        case .rule(let key): tags = try await backend.rule(key).tags
        case .bus(let key): tags = try await backend.bus(key)?.tags ?? [:]
        }
        return ["Tags": .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0]!)] })]
    }

    private static func resource(_ call: EventsCall) throws(EventsError) -> EventsNames.Resource {
        let arn = try call.input.requiredString("ResourceARN")
        guard let resource = EventsNames.resource(arn) else { throw .validation("Parameter ResourceARN is not valid.") }
        return resource
    }

    private func changeTags(_ resource: EventsNames.Resource, _ change: @Sendable (inout [String: String]) -> Void) async throws {
        switch resource {
        case .rule(let key):
            try await backend.updateRule(key) { change(&$0.tags) }
        case .bus(let key):
            guard key.name != EventsNames.defaultBus else {
                throw EventsError.validation("Brume does not keep tags on the default event bus.")
            }
            try await backend.updateBusTags(key, change)
        }
    }
}
