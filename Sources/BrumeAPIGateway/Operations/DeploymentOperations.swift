import Hummingbird

/// CreateDeployment, GetDeployment(s), UpdateDeployment, DeleteDeployment.
extension APIGatewayService {
    @Sendable func createDeployment(_ call: APIGatewayCall) async throws -> Response {
        let input = try call.input()
        let stageName = try input.string("stageName")
        let variables = try input.stringMap("variables")
        let stageDescription = try input.string("stageDescription")
        let description = try input.string("description")
        let tracing = try input.bool("tracingEnabled")
        if let stageName { try Self.validateStageName(stageName) }
        if let variables { try Self.validate(variables: variables) }
        let deployment = try changeApi(call) { state, changes in
            try Self.checkDeployable(state)
            let deployment = Deployment(id: Identifiers.short(), description: description, createdDate: call.now, apiSummary: nil)
            state.deployments[deployment.id] = deployment
            state.snapshots[deployment.id] = state.snapshot()
            changes.snapshots.insert(.init(apiId: state.api.id, deploymentId: deployment.id))
            if let stageName {
                if var stage = state.stages[stageName] {
                    stage.deploymentId = deployment.id
                    if let variables { stage.variables = (stage.variables ?? [:]).merging(variables) { _, new in new } }
                    if let stageDescription { stage.description = stageDescription }
                    stage.lastUpdatedDate = call.now
                    state.stages[stageName] = stage
                } else {
                    state.stages[stageName] = Stage(
                        deploymentId: deployment.id, stageName: stageName, description: stageDescription, cacheClusterEnabled: false,
                        cacheClusterStatus: "NOT_AVAILABLE", methodSettings: [:], variables: variables, tracingEnabled: tracing ?? false,
                        createdDate: call.now, lastUpdatedDate: call.now
                    )
                }
            }
            return deployment
        }
        return try APIGatewayResponse.json(deployment, status: 201)
    }

    /// AWS refuses to deploy an API without methods, or with a method without integration.
    static func checkDeployable(_ state: ApiState) throws(APIGatewayError) {
        let methods = state.resources.values.flatMap { resource in (resource.resourceMethods ?? [:]).values.map { (resource, $0) } }
        guard !methods.isEmpty else { throw .badRequest("The REST API doesn't contain any methods") }
        for (_, method) in methods where method.methodIntegration == nil {
            throw .badRequest("No integration defined for method")
        }
    }

    static func deployment(_ state: ApiState, _ id: String) throws(APIGatewayError) -> Deployment {
        guard let deployment = state.deployments[id] else { throw .notFound("Invalid Deployment identifier specified") }
        return deployment
    }

    /// A deployment as answered: with `embed=apisummary`, path → method → authorization summary.
    static func view(_ deployment: Deployment, in state: ApiState, call: APIGatewayCall) -> Deployment {
        guard call.query.pairs.contains(where: { $0.name == "embed" && $0.value.split(separator: ",").contains("apisummary") }),
              let snapshot = state.snapshots[deployment.id]
        else { return deployment }
        var view = deployment
        var summary: [String: [String: Deployment.MethodSnapshot]] = [:]
        for resource in snapshot.resources {
            for (name, method) in resource.resourceMethods ?? [:] {
                summary[resource.path, default: [:]][name] = .init(authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired)
            }
        }
        view.apiSummary = summary
        return view
    }

    @Sendable func getDeployments(_ call: APIGatewayCall) async throws -> Response {
        let state = try apiState(call)
        return try APIGatewayResponse.list(state.deployments.values.map { (key: $0.id, value: Self.view($0, in: state, call: call)) }, call: call)
    }

    @Sendable func getDeployment(_ call: APIGatewayCall) async throws -> Response {
        let state = try apiState(call)
        return try APIGatewayResponse.json(Self.view(try Self.deployment(state, call.parameter("deployment_id")), in: state, call: call))
    }

    @Sendable func deleteDeployment(_ call: APIGatewayCall) async throws -> Response {
        let id = call.parameter("deployment_id")
        try changeApi(call) { state, changes in
            _ = try Self.deployment(state, id)
            if state.stages.values.contains(where: { $0.deploymentId == id }) {
                throw APIGatewayError.badRequest("Active stages pointing to this deployment must be moved or deleted")
            }
            state.deployments[id] = nil
            state.snapshots[id] = nil
            changes.snapshots.insert(.init(apiId: state.api.id, deploymentId: id))
        }
        return APIGatewayResponse.empty(status: 202)
    }

    /// UpdateDeployment: `/description` only.
    @Sendable func updateDeployment(_ call: APIGatewayCall) async throws -> Response {
        let operations = try call.input().patchOperations()
        let id = call.parameter("deployment_id")
        let deployment = try changeApi(call) { state, _ in
            var deployment = try Self.deployment(state, id)
            for operation in operations {
                guard operation.segments == ["description"] else { throw operation.unsupported() }
                try operation.apply(to: &deployment.description)
            }
            state.deployments[id] = deployment
            return deployment
        }
        return try APIGatewayResponse.json(deployment)
    }
}
