import Hummingbird

/// GetResources, CreateResource, GetResource, UpdateResource, DeleteResource.
extension APIGatewayService {
    /// A resource as answered: with `embed=methods` its methods in full, otherwise only their
    /// names (`"GET": {}`), as AWS answers.
    struct ResourceView: Encodable, Sendable {
        var resource: ApiResource
        var embedMethods: Bool

        enum CodingKeys: String, CodingKey { case id, parentId, pathPart, path, resourceMethods }
        struct Empty: Encodable {}

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(resource.id, forKey: .id)
            try container.encodeIfPresent(resource.parentId, forKey: .parentId)
            try container.encodeIfPresent(resource.pathPart, forKey: .pathPart)
            try container.encode(resource.path, forKey: .path)
            guard let methods = resource.resourceMethods, !methods.isEmpty else { return }
            if embedMethods {
                try container.encode(methods, forKey: .resourceMethods)
            } else {
                try container.encode(methods.mapValues { _ in Empty() }, forKey: .resourceMethods)
            }
        }
    }

    static func embedsMethods(_ call: APIGatewayCall) -> Bool {
        call.query.pairs.contains { $0.name == "embed" && $0.value.split(separator: ",").contains("methods") }
    }

    @Sendable func getResources(_ call: APIGatewayCall) async throws -> Response {
        let state = try apiState(call)
        let embed = Self.embedsMethods(call)
        return try APIGatewayResponse.list(state.resources.values.map { (key: $0.id, value: ResourceView(resource: $0, embedMethods: embed)) }, call: call)
    }

    @Sendable func getResource(_ call: APIGatewayCall) async throws -> Response {
        let resource = try apiState(call).resource(call.parameter("resource_id"))
        return try APIGatewayResponse.json(ResourceView(resource: resource, embedMethods: Self.embedsMethods(call)))
    }

    @Sendable func createResource(_ call: APIGatewayCall) async throws -> Response {
        let pathPart = try call.input().requiredString("pathPart")
        let parentId = call.parameter("parent_id")
        let resource = try changeApi(call) { state, _ in
            let parent = try state.resource(parentId)
            try Self.checkPlacement(pathPart: pathPart, parent: parent, excluding: nil, in: state)
            let resource = ApiResource(
                id: Identifiers.long(), parentId: parent.id, pathPart: pathPart, path: Self.childPath(parent.path, pathPart), resourceMethods: nil
            )
            state.resources[resource.id] = resource
            return resource
        }
        return try APIGatewayResponse.json(ResourceView(resource: resource, embedMethods: false), status: 201)
    }

    static func childPath(_ parent: String, _ pathPart: String) -> String {
        parent == "/" ? "/" + pathPart : parent + "/" + pathPart
    }

    /// Whether `pathPart` may go under `parent`: a valid segment, no sibling of the same name,
    /// at most one variable sibling, nothing under a greedy `{proxy+}`.
    static func checkPlacement(pathPart: String, parent: ApiResource, excluding: String?, in state: ApiState) throws(APIGatewayError) {
        guard ResourcePath.isValidPathPart(pathPart) else {
            throw .badRequest(
                "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."
            )
        }
        if let part = parent.pathPart, ResourcePath.isGreedy(part) {
            throw .badRequest("Cannot create a child of a resource with a greedy path variable: \(part)")
        }
        let siblings = state.resources.values.filter { $0.parentId == parent.id && $0.id != excluding }
        if siblings.contains(where: { $0.pathPart == pathPart }) {
            throw .conflict("Another resource with the same parent already has this name: \(pathPart)")
        }
        if ResourcePath.isVariable(pathPart), let sibling = siblings.first(where: { $0.pathPart.map(ResourcePath.isVariable) ?? false }) {
            throw .badRequest("A sibling (\(sibling.pathPart ?? "")) of this resource already has a variable path part -- only one is allowed")
        }
    }

    @Sendable func deleteResource(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("resource_id")
        try changeApi(call) { state, _ in
            let resource = try state.resource(id)
            guard resource.parentId != nil else { throw APIGatewayError.badRequest("Cannot delete the root resource.") }
            for descendant in Self.subtree(of: id, in: state) { state.resources[descendant] = nil }
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// `id` and every resource under it.
    static func subtree(of id: String, in state: ApiState) -> [String] {
        var result = [id]
        var index = 0
        while index < result.count {
            let current = result[index]
            result.append(contentsOf: state.resources.values.filter { $0.parentId == current }.map(\.id).sorted())
            index += 1
        }
        return result
    }

    /// UpdateResource: `/pathPart` and `/parentId` (replace); the paths below follow.
    @Sendable func updateResource(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("resource_id")
        let resource = try changeApi(call) { state, _ in
            var resource = try state.resource(id)
            guard resource.parentId != nil else { throw APIGatewayError.badRequest("Cannot update the root resource.") }
            for operation in operations {
                guard operation.op == .replace else { throw operation.invalidOp(allowed: [.replace]) }
                switch operation.segments {
                case ["pathPart"]: resource.pathPart = try operation.requiredValue()
                case ["parentId"]:
                    let parent = try operation.requiredValue()
                    if Self.subtree(of: id, in: state).contains(parent) {
                        throw APIGatewayError.badRequest("Resources cannot be cyclical.")
                    }
                    resource.parentId = parent
                default: throw operation.unsupported()
                }
            }
            let parent = try state.resource(resource.parentId ?? "")
            try Self.checkPlacement(pathPart: resource.pathPart ?? "", parent: parent, excluding: id, in: state)
            state.resources[id] = resource
            Self.recomputePaths(under: parent.id, in: &state)
            return state.resources[id]!
        }
        return try APIGatewayResponse.json(ResourceView(resource: resource, embedMethods: false))
    }

    static func recomputePaths(under id: String, in state: inout ApiState) {
        for descendant in subtree(of: id, in: state).dropFirst() {
            guard let resource = state.resources[descendant], let parentId = resource.parentId, let parent = state.resources[parentId] else { continue }
            state.resources[descendant]?.path = childPath(parent.path, resource.pathPart ?? "")
        }
    }
}
