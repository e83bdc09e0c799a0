public import Foundation
import Yams

extension StackConfig {
    /// A REST API deployed at start (`resources.apis`): an OpenAPI document imported (or, when an
    /// API of that name exists, re-imported over it), deployed to a stage, with API keys and
    /// usage plans. The stack then starts with its front door ready at
    /// `http://{apiId}.execute-api.localhost:{port}/{stage}/`.
    public struct Api: Sendable, Equatable {
        /// The API's name; the document's `info.title` when nil.
        public var name: String?
        /// The OpenAPI 3.0 or Swagger 2.0 file, absolute.
        public var openapi: String
        public var stage: String
        public var variables: [String: String]
        public var keys: [Key]
        public var usagePlans: [UsagePlan]

        public init(name: String? = nil, openapi: String, stage: String, variables: [String: String] = [:], keys: [Key] = [],
                    usagePlans: [UsagePlan] = []) {
            self.name = name
            self.openapi = openapi
            self.stage = stage
            self.variables = variables
            self.keys = keys
            self.usagePlans = usagePlans
        }

        /// An API key, enabled; its value generated when not given (then kept across restarts).
        public struct Key: Sendable, Equatable {
            public var name: String
            public var value: String?
            public init(name: String, value: String? = nil) {
                self.name = name
                self.value = value
            }
        }

        /// A usage plan over this API's stage, with its keys (by name).
        public struct UsagePlan: Sendable, Equatable {
            public var name: String
            public var rateLimit: Double?
            public var burstLimit: Int?
            public var quotaLimit: Int?
            /// DAY, WEEK or MONTH.
            public var quotaPeriod: String?
            public var keys: [String]
            public init(name: String, rateLimit: Double? = nil, burstLimit: Int? = nil, quotaLimit: Int? = nil, quotaPeriod: String? = nil,
                        keys: [String] = []) {
                self.name = name
                self.rateLimit = rateLimit
                self.burstLimit = burstLimit
                self.quotaLimit = quotaLimit
                self.quotaPeriod = quotaPeriod
                self.keys = keys
            }
        }
    }
}

extension ConfigReader {
    /// `resources.apis`: each needs `openapi` (a file, relative to the config's folder) and
    /// `stage`; `name`, `variables`, `keys` (`name`, `value`) and `usage_plans` (`name`,
    /// `throttle: {rate_limit, burst_limit}`, `quota: {limit, period}`, `keys`) are optional.
    func apis(_ node: Node) throws(ConfigError) -> [StackConfig.Api] {
        guard case .sequence(let items) = node else { throw error(at: "resources.apis", node, "must be a list") }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        var apis: [StackConfig.Api] = []
        for (index, item) in items.enumerated() {
            let path = "resources.apis[\(index)]"
            let fields = try mapping(item, at: path, allowed: ["name", "openapi", "stage", "variables", "keys", "usage_plans"])
            guard let fileNode = fields["openapi"] else { throw error(at: path, item, "needs an 'openapi' file") }
            let file = try nonEmptyString(fileNode, at: "\(path).openapi")
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : URL(fileURLWithPath: file, relativeTo: folder)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw error(at: "\(path).openapi", fileNode, "must be a readable file; '\(url.standardizedFileURL.path)' is not")
            }
            guard let stageNode = fields["stage"] else { throw error(at: path, item, "needs a 'stage'") }
            var api = StackConfig.Api(openapi: url.standardizedFileURL.path, stage: try nonEmptyString(stageNode, at: "\(path).stage"))
            api.name = try fields["name"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(path).name") }
            if let node = fields["variables"] {
                for (key, value) in try entries(node, at: "\(path).variables") { api.variables[key] = try string(value, at: "\(path).variables.\(key)") }
            }
            if let node = fields["keys"] {
                guard case .sequence(let keys) = node else { throw error(at: "\(path).keys", node, "must be a list") }
                for (keyIndex, keyNode) in keys.enumerated() {
                    let keyPath = "\(path).keys[\(keyIndex)]"
                    let keyFields = try mapping(keyNode, at: keyPath, allowed: ["name", "value"])
                    guard let name = keyFields["name"] else { throw error(at: keyPath, keyNode, "needs a 'name'") }
                    api.keys.append(.init(
                        name: try nonEmptyString(name, at: "\(keyPath).name"),
                        value: try keyFields["value"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(keyPath).value") }
                    ))
                }
            }
            if let node = fields["usage_plans"] {
                guard case .sequence(let plans) = node else { throw error(at: "\(path).usage_plans", node, "must be a list") }
                for (planIndex, planNode) in plans.enumerated() {
                    api.usagePlans.append(try usagePlan(planNode, at: "\(path).usage_plans[\(planIndex)]", keys: Set(api.keys.map(\.name))))
                }
            }
            apis.append(api)
        }
        return apis
    }

    private func usagePlan(_ node: Node, at path: String, keys declared: Set<String>) throws(ConfigError) -> StackConfig.Api.UsagePlan {
        let fields = try mapping(node, at: path, allowed: ["name", "throttle", "quota", "keys"])
        guard let name = fields["name"] else { throw error(at: path, node, "needs a 'name'") }
        var plan = StackConfig.Api.UsagePlan(name: try nonEmptyString(name, at: "\(path).name"))
        if let throttle = fields["throttle"] {
            let throttleFields = try mapping(throttle, at: "\(path).throttle", allowed: ["rate_limit", "burst_limit"])
            plan.rateLimit = try throttleFields["rate_limit"].map { n throws(ConfigError) in
                Double(try integer(n, at: "\(path).throttle.rate_limit", in: 0...1_000_000))
            }
            plan.burstLimit = try throttleFields["burst_limit"].map { n throws(ConfigError) in try integer(n, at: "\(path).throttle.burst_limit", in: 0...1_000_000) }
        }
        if let quota = fields["quota"] {
            let quotaFields = try mapping(quota, at: "\(path).quota", allowed: ["limit", "period"])
            guard let limit = quotaFields["limit"], let period = quotaFields["period"] else {
                throw error(at: "\(path).quota", quota, "needs a 'limit' and a 'period' (DAY, WEEK or MONTH)")
            }
            plan.quotaLimit = try integer(limit, at: "\(path).quota.limit", in: 0...Int(Int32.max))
            let periodText = try string(period, at: "\(path).quota.period").uppercased()
            guard ["DAY", "WEEK", "MONTH"].contains(periodText) else { throw error(at: "\(path).quota.period", period, "must be DAY, WEEK or MONTH") }
            plan.quotaPeriod = periodText
        }
        if let node = fields["keys"] {
            guard case .sequence(let items) = node else { throw error(at: "\(path).keys", node, "must be a list of key names") }
            for (index, item) in items.enumerated() {
                let key = try nonEmptyString(item, at: "\(path).keys[\(index)]")
                guard declared.contains(key) else { throw error(at: "\(path).keys[\(index)]", item, "names no key of this API's 'keys'") }
                plan.keys.append(key)
            }
        }
        return plan
    }
}
