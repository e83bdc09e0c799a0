import BrumeCore

/// The rules declared in `localstack.yml` (`resources.rules`).
extension EventsService {
    /// Puts each declared rule and makes its targets exactly the declared ones, as PutRule and
    /// PutTargets would (so a declared rule that breaks a rule stops `brume up` with the error
    /// EventBridge would give). Names resolve to ARNs in the stack's account and region.
    public func deployDeclaredResources() async throws {
        for declared in config.resources.rules {
            do {
                try await deploy(declared)
            } catch let error as EventsError {
                throw DeployError(description: "rule \(declared.name): \(error.awsError.code): \(error.awsError.message)")
            }
        }
    }

    struct DeployError: Error, CustomStringConvertible {
        var description: String
    }

    private func deploy(_ declared: StackConfig.Rule) async throws {
        let busName = declared.bus ?? EventsNames.defaultBus
        try EventsNames.checkRuleName(declared.name, member: "name")
        try EventsNames.checkBusName(busName, member: "eventBusName")
        let bus = BusKey(account: config.accountID, region: config.region, name: busName)
        if await !backend.busExists(bus) {
            _ = try await backend.createBus(bus, description: nil, tags: [:])
        }
        let key = RuleKey(bus: bus, name: declared.name)
        _ = try await backend.putRule(key, pattern: declared.pattern ?? "", description: declared.description, roleARN: nil,
                                      state: declared.enabled ? "ENABLED" : "DISABLED", tags: [:])
        var targets: [TargetRecord] = []
        for declaredTarget in declared.targets {
            var target = TargetRecord(id: declaredTarget.id, arn: arn(declaredTarget.destination))
            target.input = declaredTarget.input
            target.inputPath = declaredTarget.inputPath
            target.inputTransformer = declaredTarget.inputTransformer.map { .init(inputPathsMap: $0.pathsMap, inputTemplate: $0.template) }
            target.messageGroupID = declaredTarget.messageGroupID
            target.deadLetterARN = declaredTarget.deadLetterQueue.map { arn(.queue($0)) }
            try EventsNames.checkRuleName(target.id, member: "targets.member.id")
            try TargetRules.checkShaping(target)
            try TargetRules.checkQueues(target)
            targets.append(target)
        }
        try await backend.updateRule(key) { rule throws(EventsError) in
            guard targets.count <= TargetRules.maximumTargetsPerRule else {
                throw .limitExceeded("The requested resource exceeds the maximum number allowed.")
            }
            rule.targets = targets
        }
    }

    /// A declared destination's ARN: itself when it is one, else the name in the stack's account and region.
    private func arn(_ destination: StackConfig.Rule.Target.Destination) -> String {
        let prefix = { (service: String) in "arn:aws:\(service):\(self.config.region):\(self.config.accountID):" }
        switch destination {
        case .queue(let name): return name.hasPrefix("arn:") ? name : prefix("sqs") + name
        case .function(let name): return name.hasPrefix("arn:") ? name : prefix("lambda") + "function:\(name)"
        case .stateMachine(let name): return name.hasPrefix("arn:") ? name : prefix("states") + "stateMachine:\(name)"
        }
    }
}
