import BrumeWire

/// TagResource, UntagResource, ListResourceTags.
extension KMSService {
    static let maximumTags = 50

    func tagResource(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        guard let tags = try call.input.tags("Tags") else { throw KMSError.missing("tags") }
        let key = try await backend.key(reference)
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            var merged = key.tags
            for tag in tags {
                if let index = merged.firstIndex(where: { $0.key == tag.key }) { merged[index] = tag } else { merged.append(tag) }
            }
            guard merged.count <= Self.maximumTags else { throw .tag("Too many tags") }
            key.tags = merged
        }
        return [:]
    }

    func untagResource(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        guard let keys = try call.input.stringList("TagKeys") else { throw KMSError.missing("tagKeys") }
        let key = try await backend.key(reference)
        try await backend.update(key.id) { key, _ throws(KMSError) in
            guard key.state != .pendingDeletion else { throw .invalidState("\(key.arn) is pending deletion.") }
            key.tags.removeAll { keys.contains($0.key) }
        }
        return [:]
    }

    func listResourceTags(_ call: KMSCall) async throws -> JSONValue {
        let reference = try call.reference()
        let limit = try call.input.limit(default: 50, maximum: 50)
        let key = try await backend.key(reference)
        let (page, next) = try Self.page(key.tags, marker: call.input.string("Marker"), kind: "tags", limit: limit, id: \.key)
        return Self.listing("Tags", page.map { ["TagKey": .string($0.key), "TagValue": .string($0.value)] }, next: next)
    }
}

extension KMSInput {
    /// A `Tags` list of `{TagKey, TagValue}`: keys of 1-128 and values of up to 256 characters,
    /// at most 50, no key twice.
    func tags(_ name: String) throws(KMSError) -> [KeyTag]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .serialization(name) }
        var tags: [KeyTag] = []
        for item in items {
            guard let object = item.objectValue else { throw .serialization(name) }
            guard let key = object["TagKey"]?.stringValue else { throw .missing("\(KMSInput.member(name)).member.tagKey") }
            guard let value = object["TagValue"]?.stringValue else { throw .missing("\(KMSInput.member(name)).member.tagValue") }
            guard (1...128).contains(key.count) else {
                throw .constraint(key, at: "\(KMSInput.member(name)).member.tagKey", "Member must have length between 1 and 128")
            }
            guard value.count <= 256 else {
                throw .constraint(value, at: "\(KMSInput.member(name)).member.tagValue", "Member must have length less than or equal to 256")
            }
            guard !key.hasPrefix("aws:") else { throw .tag("Tags beginning with aws: are reserved") }
            guard !tags.contains(where: { $0.key == key }) else { throw .tag("Duplicate tag keys") }
            tags.append(KeyTag(key: key, value: value))
        }
        guard tags.count <= KMSService.maximumTags else { throw .tag("Too many tags") }
        return tags
    }
}
