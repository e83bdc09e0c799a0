import BrumeWire

/// TagQueue, UntagQueue, ListQueueTags.
extension SQSService {
    func tagQueue(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let tags = try call.input.stringMap("Tags")
        try TagRules.validate(tags)
        try await backend.setTags(identity) { (current: inout [String: String]) throws(SQSError) in
            let merged = current.merging(tags) { $1 }
            guard merged.count <= TagRules.maximumCount else {
                throw .invalidParameterValue("Too many tags added for queue \(identity.name).")
            }
            current = merged
        }
        return nil
    }

    func untagQueue(_ call: SQSCall) async throws -> JSONValue? {
        let identity = try call.queue()
        let keys = try call.input.stringList("TagKeys")
        guard !keys.isEmpty else { throw SQSError.missingParameter("TagKeys") }
        try await backend.setTags(identity) { (current: inout [String: String]) throws(SQSError) in
            for key in keys { current[key] = nil }
        }
        return nil
    }

    func listQueueTags(_ call: SQSCall) async throws -> JSONValue? {
        let queue = try await backend.queue(call.queue())
        guard !queue.tags.isEmpty else { return .object([:]) }
        return ["Tags": .strings(queue.tags)]
    }
}

/// SQS's tag limits: 50 per queue, keys of 1–128 characters, values of up to 256.
enum TagRules {
    static let maximumCount = 50

    static func validate(_ tags: [String: String]) throws(SQSError) {
        guard tags.count <= maximumCount else { throw .invalidParameterValue("Too many tags added for queue.") }
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            guard !key.isEmpty, key.count <= 128 else {
                throw .invalidParameterValue("Tag keys must be between 1 and 128 characters in length.")
            }
            guard value.count <= 256 else {
                throw .invalidParameterValue("Tag values may only be up to 256 characters in length.")
            }
            if key.lowercased().hasPrefix("aws:") {
                throw .invalidParameterValue("Tag keys must not start with 'aws:'.")
            }
        }
    }
}
