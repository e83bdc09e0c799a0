import BrumeOpenAPI
import Hummingbird
import OpenAPIKit30

/// ImportRestApi (`POST /restapis?mode=import`) and PutRestApi (`mode=merge|overwrite`): an
/// OpenAPI 3.0 or Swagger 2.0 document with API Gateway's extensions, read by OpenAPIKit.
extension APIGatewayService {
    enum ImportMode: String { case merge, overwrite }

    func readDocument(_ call: APIGatewayCall) throws(APIGatewayError) -> OpenAPIImport {
        let document: OpenAPI.Document
        do {
            document = try OpenAPIDocumentReader.read(call.body.readableBytesView)
        } catch {
            throw .badRequest(error.message)
        }
        let imported = try OpenAPIImport(document)
        if call.queryFlag("failonwarnings"), let warning = imported.warnings.first {
            throw .badRequest("Warnings found during import:\n\t\(warning)")
        }
        return imported
    }

    func importRestApi(_ call: APIGatewayCall) async throws -> Response {
        let imported = try readDocument(call)
        guard !imported.name.isEmpty else { throw APIGatewayError.badRequest("Invalid OpenAPI input: info.title must name the API") }
        var api = RestApi(
            id: Identifiers.long(), name: imported.name, description: imported.description, createdDate: call.now,
            version: imported.version, apiKeySource: "HEADER", endpointConfiguration: RestApi.EndpointConfiguration(types: ["EDGE"]),
            disableExecuteApiEndpoint: false
        )
        let root = ApiResource(id: Identifiers.long(), parentId: nil, pathPart: nil, path: "/", resourceMethods: nil)
        api.rootResourceId = root.id
        var state = ApiState(api: api)
        state.resources[root.id] = root
        for model in Self.defaultModels() { state.models[model.name] = model }
        try Self.apply(imported, to: &state, mode: .overwrite)
        var answer = state.api
        answer.warnings = imported.warnings.isEmpty ? nil : imported.warnings
        let created = state
        try store.mutate { all, changes in
            all.apis[created.api.id] = created
            changes.apis.insert(created.api.id)
        }
        return try APIGatewayResponse.json(answer, status: 201)
    }

    @Sendable func putRestApi(_ call: APIGatewayCall) async throws -> Response {
        let modeText = call.queryValue("mode") ?? "merge"
        guard let mode = ImportMode(rawValue: modeText) else {
            throw APIGatewayError.badRequest("Invalid mode: \(modeText). Valid values are merge, overwrite")
        }
        let imported = try readDocument(call)
        var answer = try changeApi(call) { state, _ in
            try Self.apply(imported, to: &state, mode: mode)
            return state.api
        }
        answer.warnings = imported.warnings.isEmpty ? nil : imported.warnings
        return try APIGatewayResponse.json(answer)
    }

    /// Lands a document on an API: `overwrite` replaces its resources, methods, authorizers,
    /// validators, models and gateway responses with the document's; `merge` adds the
    /// document's and replaces those of the same name (methods by path and HTTP method).
    static func apply(_ imported: OpenAPIImport, to state: inout ApiState, mode: ImportMode) throws(APIGatewayError) {
        if !imported.name.isEmpty { state.api.name = imported.name }
        if let description = imported.description { state.api.description = description }
        if let version = imported.version { state.api.version = version }
        if let source = imported.apiKeySource { state.api.apiKeySource = source.uppercased() }
        if let types = imported.binaryMediaTypes { state.api.binaryMediaTypes = types.isEmpty ? nil : types }
        try validate(state.api)
        guard let rootId = state.api.rootResourceId else { throw .badRequest("The API has no root resource") }
        if mode == .overwrite {
            state.resources = state.resources.filter { $0.key == rootId }
            state.resources[rootId]?.resourceMethods = nil
            state.authorizers = [:]
            state.requestValidators = [:]
            state.models = [:]
            state.gatewayResponses = [:]
        }
        // Same names keep their ids, so methods already pointing at them stay valid.
        var authorizerIDs: [String: String] = [:]
        for var authorizer in imported.authorizers {
            if let existing = state.authorizers.values.first(where: { $0.name == authorizer.name }) {
                authorizerIDs[authorizer.id] = existing.id
                authorizer.id = existing.id
            }
            state.authorizers[authorizer.id] = authorizer
        }
        var validatorIDs: [String: String] = [:]
        for var validator in imported.requestValidators {
            if let existing = state.requestValidators.values.first(where: { $0.name == validator.name }) {
                validatorIDs[validator.id] = existing.id
                validator.id = existing.id
            }
            state.requestValidators[validator.id] = validator
        }
        for var model in imported.models {
            if let existing = state.models[model.name] { model.id = existing.id }
            try validate(model)
            state.models[model.name] = model
        }
        for response in imported.gatewayResponses { state.gatewayResponses[response.responseType] = response }
        for (path, methods) in imported.methods.sorted(by: { $0.key < $1.key }) {
            let resourceId = try resource(for: path, rootId: rootId, in: &state)
            for (name, var method) in methods {
                if let id = method.authorizerId { method.authorizerId = authorizerIDs[id] ?? id }
                if let id = method.requestValidatorId { method.requestValidatorId = validatorIDs[id] ?? id }
                try validate(method, in: state)
                let current = state.resources[resourceId]?.resourceMethods ?? [:]
                state.resources[resourceId]?.resourceMethods = current.merging([name: method]) { _, new in new }
            }
        }
    }

    /// The resource at `path`, created (with its missing ancestors) when absent.
    static func resource(for path: String, rootId: String, in state: inout ApiState) throws(APIGatewayError) -> String {
        var current = rootId
        for part in path.split(separator: "/").map(String.init) {
            if let child = state.resources.values.first(where: { $0.parentId == current && $0.pathPart == part }) {
                current = child.id
                continue
            }
            let parent = try state.resource(current)
            try checkPlacement(pathPart: part, parent: parent, excluding: nil, in: state)
            let child = ApiResource(id: Identifiers.long(), parentId: current, pathPart: part, path: childPath(parent.path, part), resourceMethods: nil)
            state.resources[child.id] = child
            current = child.id
        }
        return current
    }
}
