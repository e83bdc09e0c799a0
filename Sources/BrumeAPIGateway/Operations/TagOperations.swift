import Hummingbird

/// TagResource, UntagResource, GetTags on the ARNs of REST APIs, stages, API keys and usage plans
/// (`arn:aws:apigateway:{region}::/restapis/{id}`, `…/restapis/{id}/stages/{name}`,
/// `…/apikeys/{id}`, `…/usageplans/{id}`).
extension APIGatewayService {
    /// At most 50 tags per resource, as AWS allows.
    static let maximumTags = 50

    enum TagTarget {
        case api(String)
        case stage(String, String)
        case apiKey(String)
        case usagePlan(String)
    }

    static func tagTarget(_ arn: String) throws(APIGatewayError) -> TagTarget {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "apigateway" else { throw .badRequest("Invalid ARN specified in the request") }
        let path = parts[5].split(separator: "/").map(String.init)
        switch path.count {
        case 2 where path[0] == "restapis": return .api(path[1])
        case 4 where path[0] == "restapis" && path[2] == "stages": return .stage(path[1], path[3])
        case 2 where path[0] == "apikeys": return .apiKey(path[1])
        case 2 where path[0] == "usageplans": return .usagePlan(path[1])
        default: throw .badRequest("Invalid ARN specified in the request")
        }
    }

    /// Changes the tags of the resource `arn` names.
    func changeTags(_ arn: String, call: APIGatewayCall, _ body: (inout [String: String]) throws -> Void) throws {
        let target = try Self.tagTarget(arn)
        try store.mutate { state, changes in
            switch target {
            case .api(let id):
                guard var api = state.apis[id] else { throw Self.apiNotFound(id, call: call) }
                var tags = api.api.tags ?? [:]
                try body(&tags)
                api.api.tags = tags
                state.apis[id] = api
                changes.apis.insert(id)
            case .stage(let id, let name):
                guard var api = state.apis[id] else { throw Self.apiNotFound(id, call: call) }
                guard var stage = api.stages[name] else { throw APIGatewayError.notFound("Invalid Stage identifier specified") }
                var tags = stage.tags ?? [:]
                try body(&tags)
                stage.tags = tags
                api.stages[name] = stage
                state.apis[id] = api
                changes.apis.insert(id)
            case .apiKey(let id):
                guard var key = state.apiKeys[id] else { throw APIGatewayError.notFound("Invalid API Key identifier specified") }
                var tags = key.tags ?? [:]
                try body(&tags)
                key.tags = tags
                state.apiKeys[id] = key
                changes.apiKeys.insert(id)
            case .usagePlan(let id):
                guard var plan = state.usagePlans[id] else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
                var tags = plan.tags ?? [:]
                try body(&tags)
                plan.tags = tags
                state.usagePlans[id] = plan
                changes.usagePlans.insert(id)
            }
        }
    }

    @Sendable func tagResource(_ call: APIGatewayCall) async throws -> Response {
        let tags = try call.input().stringMap("tags") ?? [:]
        for (key, value) in tags {
            guard !key.isEmpty, key.count <= 128, value.count <= 256, !key.lowercased().hasPrefix("aws:") else {
                throw APIGatewayError.badRequest("Invalid tag: \(key)")
            }
        }
        try changeTags(call.parameter("resource_arn"), call: call) { current in
            current.merge(tags) { _, new in new }
            guard current.count <= Self.maximumTags else {
                throw APIGatewayError.badRequest("Too many tags: a resource can have at most \(Self.maximumTags) tags")
            }
        }
        return APIGatewayResponse.empty(status: 204)
    }

    @Sendable func untagResource(_ call: APIGatewayCall) async throws -> Response {
        let keys = call.query.pairs.filter { $0.name == "tagKeys" }.flatMap { $0.value.split(separator: ",").map(String.init) }
        try changeTags(call.parameter("resource_arn"), call: call) { current in
            for key in keys { current[key] = nil }
        }
        return APIGatewayResponse.empty(status: 204)
    }

    @Sendable func getTags(_ call: APIGatewayCall) async throws -> Response {
        var tags: [String: String] = [:]
        // Read through the same lookup as the changes, changing nothing.
        let target = try Self.tagTarget(call.parameter("resource_arn"))
        tags = try store.read { state in
            switch target {
            case .api(let id):
                guard let api = state.apis[id] else { throw Self.apiNotFound(id, call: call) }
                return api.api.tags ?? [:]
            case .stage(let id, let name):
                guard let api = state.apis[id] else { throw Self.apiNotFound(id, call: call) }
                guard let stage = api.stages[name] else { throw APIGatewayError.notFound("Invalid Stage identifier specified") }
                return stage.tags ?? [:]
            case .apiKey(let id):
                guard let key = state.apiKeys[id] else { throw APIGatewayError.notFound("Invalid API Key identifier specified") }
                return key.tags ?? [:]
            case .usagePlan(let id):
                guard let plan = state.usagePlans[id] else { throw APIGatewayError.notFound("Invalid Usage Plan ID specified") }
                return plan.tags ?? [:]
            }
        }
        return try APIGatewayResponse.json(["tags": tags])
    }
}
