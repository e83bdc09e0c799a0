import BrumeCore
import BrumeOpenAPI
import Foundation
import OpenAPIKit30

/// The REST APIs `localstack.yml` declares (`resources.apis`), deployed at start: each document
/// imported over the API of the same name (created the first time, so its id and invoke URL stay
/// the same across restarts), deployed to its stage, with its keys (enabled) and usage plans.
extension APIGatewayService {
    /// What a declared deployment says it is, so the one it replaces can be told from the client's.
    static let declaredDeploymentDescription = "Deployed from localstack.yml at start"

    public func deployDeclaredResources() async throws {
        for declared in config.resources.apis {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: declared.openapi))
            let document: OpenAPI.Document
            do {
                document = try OpenAPIDocumentReader.read(Array(bytes))
            } catch {
                throw APIGatewayError.badRequest("\(declared.openapi): \(error.message)")
            }
            let imported = try OpenAPIImport(document)
            let now = Int64(clock.now().timeIntervalSince1970.rounded(.down))
            try Self.validateStageName(declared.stage)
            try Self.validate(variables: declared.variables)
            let apiId = try store.mutate { state, changes in
                let apiId = try Self.deploy(declared, imported: imported, now: now, in: &state, changes: &changes)
                try Self.deployKeysAndPlans(declared, apiId: apiId, now: now, in: &state, changes: &changes)
                return apiId
            }
            let name = declared.name ?? imported.name
            declaredApis.withLock { $0.append((name, apiId, declared.stage)) }
        }
    }

    /// Imports, deploys and stages one declared API; returns its id.
    static func deploy(
        _ declared: StackConfig.Api, imported: OpenAPIImport, now: Int64, in state: inout APIGatewayState, changes: inout ChangeSet
    ) throws -> String {
        let name = declared.name ?? imported.name
        var api: ApiState
        if let existing = state.apis.values.filter({ $0.api.name == name }).min(by: { $0.api.createdDate < $1.api.createdDate }) {
            api = existing
        } else {
            let root = ApiResource(id: Identifiers.long(), parentId: nil, pathPart: nil, path: "/", resourceMethods: nil)
            api = ApiState(api: RestApi(
                id: Identifiers.long(), name: name, createdDate: now, apiKeySource: "HEADER",
                endpointConfiguration: RestApi.EndpointConfiguration(types: ["EDGE"]), disableExecuteApiEndpoint: false, rootResourceId: root.id
            ))
            api.resources[root.id] = root
        }
        try apply(imported, to: &api, mode: .overwrite)
        api.api.name = name
        try checkDeployable(api)
        let deployment = Deployment(id: Identifiers.short(), description: declaredDeploymentDescription, createdDate: now)
        api.deployments[deployment.id] = deployment
        api.snapshots[deployment.id] = api.snapshot()
        changes.snapshots.insert(.init(apiId: api.api.id, deploymentId: deployment.id))
        let previous = api.stages[declared.stage]?.deploymentId
        var stage = api.stages[declared.stage] ?? Stage(
            deploymentId: deployment.id, stageName: declared.stage, cacheClusterEnabled: false, cacheClusterStatus: "NOT_AVAILABLE",
            methodSettings: [:], tracingEnabled: false, createdDate: now, lastUpdatedDate: now
        )
        stage.deploymentId = deployment.id
        stage.variables = declared.variables.isEmpty ? nil : declared.variables
        stage.lastUpdatedDate = now
        api.stages[declared.stage] = stage
        // The deployment the last start made goes, unless a stage still serves it.
        if let previous, api.deployments[previous]?.description == declaredDeploymentDescription,
           !api.stages.values.contains(where: { $0.deploymentId == previous }) {
            api.deployments[previous] = nil
            api.snapshots[previous] = nil
            changes.snapshots.insert(.init(apiId: api.api.id, deploymentId: previous))
        }
        state.apis[api.api.id] = api
        changes.apis.insert(api.api.id)
        return api.api.id
    }

    /// The declared keys (found by name, enabled, their value set when given) and usage plans
    /// (found by name, covering this API's stage).
    static func deployKeysAndPlans(
        _ declared: StackConfig.Api, apiId: String, now: Int64, in state: inout APIGatewayState, changes: inout ChangeSet
    ) throws {
        var keyIDs: [String: String] = [:]
        for declaredKey in declared.keys {
            var key = state.apiKeys.values.first { $0.name == declaredKey.name } ?? ApiKey(
                id: Identifiers.long(), value: nil, name: declaredKey.name, enabled: true, createdDate: now, lastUpdatedDate: now, stageKeys: []
            )
            let value = declaredKey.value ?? key.value ?? Identifiers.apiKeyValue()
            try validateKeyValue(value)
            if let owner = state.apiKeyIDsByValue[value], owner != key.id {
                throw APIGatewayError.conflict("API key \(declaredKey.name): its value is another key's")
            }
            if let old = key.value, old != value { state.apiKeyIDsByValue[old] = nil }
            key.value = value
            key.enabled = true
            key.lastUpdatedDate = now
            state.apiKeys[key.id] = key
            state.apiKeyIDsByValue[value] = key.id
            changes.apiKeys.insert(key.id)
            keyIDs[declaredKey.name] = key.id
        }
        for declaredPlan in declared.usagePlans {
            var plan = state.usagePlans.values.first { $0.name == declaredPlan.name } ?? UsagePlan(id: Identifiers.short(), name: declaredPlan.name)
            var stages = plan.apiStages ?? []
            if !stages.contains(where: { $0.apiId == apiId && $0.stage == declared.stage }) {
                stages.append(ApiStage(apiId: apiId, stage: declared.stage))
            }
            plan.apiStages = stages
            plan.throttle = declaredPlan.rateLimit == nil && declaredPlan.burstLimit == nil
                ? nil : ThrottleSettings(burstLimit: declaredPlan.burstLimit, rateLimit: declaredPlan.rateLimit)
            plan.quota = declaredPlan.quotaLimit.map { QuotaSettings(limit: $0, offset: 0, period: declaredPlan.quotaPeriod) }
            state.usagePlans[plan.id] = plan
            var members = state.usagePlanKeys[plan.id] ?? []
            for name in declaredPlan.keys { if let id = keyIDs[name] { members.insert(id) } }
            state.usagePlanKeys[plan.id] = members
            changes.usagePlans.insert(plan.id)
        }
    }

    /// Each declared API's name and invoke URL on the edge's `port`.
    public func declaredInvokeURLs(port: Int) -> [(name: String, url: String)] {
        declaredApis.withLock { apis in apis.map { ($0.name, "http://\($0.id).execute-api.localhost:\(port)/\($0.stage)/") } }
    }
}
