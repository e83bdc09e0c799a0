/// An API's row: everything but the deployment snapshots, which are rows of their own, written
/// once at deployment and never rewritten with the API.
extension ApiState: Codable {
    enum CodingKeys: String, CodingKey {
        case api, resources, deployments, stages, authorizers, requestValidators, models, gatewayResponses
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        api = try container.decode(RestApi.self, forKey: .api)
        resources = try container.decode([String: ApiResource].self, forKey: .resources)
        deployments = try container.decode([String: Deployment].self, forKey: .deployments)
        stages = try container.decode([String: Stage].self, forKey: .stages)
        authorizers = try container.decode([String: Authorizer].self, forKey: .authorizers)
        requestValidators = try container.decode([String: RequestValidator].self, forKey: .requestValidators)
        models = try container.decode([String: ApiModel].self, forKey: .models)
        gatewayResponses = try container.decode([String: GatewayResponse].self, forKey: .gatewayResponses)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(api, forKey: .api)
        try container.encode(resources, forKey: .resources)
        try container.encode(deployments, forKey: .deployments)
        try container.encode(stages, forKey: .stages)
        try container.encode(authorizers, forKey: .authorizers)
        try container.encode(requestValidators, forKey: .requestValidators)
        try container.encode(models, forKey: .models)
        try container.encode(gatewayResponses, forKey: .gatewayResponses)
    }
}
