/// Everything one REST API owns, held together because the control plane changes it together
/// and a deployment freezes it together.
struct ApiState: Sendable {
    var api: RestApi
    var resources: [String: ApiResource] = [:]
    var deployments: [String: Deployment] = [:]
    var snapshots: [String: DeploymentSnapshot] = [:]
    var stages: [String: Stage] = [:]
    var authorizers: [String: Authorizer] = [:]
    var requestValidators: [String: RequestValidator] = [:]
    var models: [String: ApiModel] = [:]
    /// Only the customized responses, by type.
    var gatewayResponses: [String: GatewayResponse] = [:]

    /// The frozen copy a new deployment keeps.
    func snapshot() -> DeploymentSnapshot {
        DeploymentSnapshot(
            api: api,
            resources: resources.values.sorted { $0.path < $1.path },
            authorizers: authorizers.values.sorted { $0.id < $1.id },
            requestValidators: requestValidators.values.sorted { $0.id < $1.id },
            models: models.values.sorted { $0.name < $1.name },
            gatewayResponses: gatewayResponses.values.sorted { $0.responseType < $1.responseType }
        )
    }
}

/// The whole service's state in memory; the store writes every change through to SQLite first.
struct APIGatewayState: Sendable {
    var apis: [String: ApiState] = [:]
    var apiKeys: [String: ApiKey] = [:]
    /// key value → key id, for the data plane's lookup of `x-api-key`.
    var apiKeyIDsByValue: [String: String] = [:]
    var usagePlans: [String: UsagePlan] = [:]
    /// plan id → key ids.
    var usagePlanKeys: [String: Set<String>] = [:]
    var usage: [UsageRecord: Int] = [:]
}

/// A stage as the data plane serves it: the stage and the deployment snapshot it points at.
struct DeployedStage: Sendable {
    var stage: Stage
    var deployment: Deployment
    var snapshot: DeploymentSnapshot
}
