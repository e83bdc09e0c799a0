import BrumeWire
import Hummingbird

/// TagResource, UntagResource and ListTags on function ARNs.
extension LambdaService {
    @Sendable func tagResource(_ call: LambdaCall) async throws -> Response {
        let name = try taggedFunction(call)
        let tags = try call.input().stringMap("Tags") ?? [:]
        try TagRules.validate(tags)
        _ = try await backend.updateShared(name) { function throws(LambdaError) in
            let merged = function.tags.merging(tags) { _, new in new }
            guard merged.count <= TagRules.maximumCount else {
                throw .invalidParameterValue("Number of tags exceeds resource tag limit.")
            }
            function.tags = merged
        }
        return LambdaResponse.empty(status: 204)
    }

    @Sendable func untagResource(_ call: LambdaCall) async throws -> Response {
        let name = try taggedFunction(call)
        let keys = call.query.pairs.filter { $0.name == "tagKeys" }.map(\.value)
        guard !keys.isEmpty else {
            throw LambdaError.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
        }
        _ = try await backend.updateShared(name) { function throws(LambdaError) in
            for key in keys { function.tags[key] = nil }
        }
        return LambdaResponse.empty(status: 204)
    }

    @Sendable func listTags(_ call: LambdaCall) async throws -> Response {
        let name = try taggedFunction(call)
        let (entry, _) = try await backend.resolve(FunctionReference(name: name), caller: call.caller)
        return LambdaResponse.json(.object(["Tags": TagRules.json(entry.stored.tags)]))
    }

    /// The function a tagging ARN names; tags belong to the function, not to a version.
    private func taggedFunction(_ call: LambdaCall) throws -> String {
        let arn = call.parameters["Resource"] ?? ""
        guard arn.hasPrefix("arn:"), let reference = try? FunctionReference(parsing: arn, member: "resource") else {
            throw LambdaError.validation(
                "1 validation error detected: Value '\(arn)' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
            )
        }
        guard reference.qualifier == nil else {
            throw LambdaError.invalidParameterValue("Tags on function aliases and versions are not supported. Please specify a function ARN.")
        }
        return reference.name
    }
}

/// Lambda's tag rules.
enum TagRules {
    static let maximumCount = 50

    static func validate(_ tags: [String: String]) throws(LambdaError) {
        guard tags.count <= maximumCount else { throw .invalidParameterValue("Number of tags exceeds resource tag limit.") }
        for (key, value) in tags {
            guard (1...128).contains(key.count), value.count <= 256, !key.lowercased().hasPrefix("aws:") else {
                throw .invalidParameterValue("Tag keys must be 1 to 128 characters not starting with 'aws:'; values at most 256 characters.")
            }
        }
    }

    static func json(_ tags: [String: String]) -> JSONValue {
        var object: JSONObject = [:]
        for key in tags.keys.sorted() { object[key] = .string(tags[key]!) }
        return .object(object)
    }
}
