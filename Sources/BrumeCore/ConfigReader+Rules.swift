import Yams

/// `resources.rules`: EventBridge rules and their targets.
extension ConfigReader {
    func rules(_ node: Node) throws(ConfigError) -> [StackConfig.Rule] {
        guard case .sequence(let items) = node else { throw error(at: "resources.rules", node, "must be a list") }
        var rules: [StackConfig.Rule] = []
        for (index, item) in items.enumerated() {
            let path = "resources.rules[\(index)]"
            let fields = try mapping(item, at: path, allowed: ["name", "bus", "pattern", "description", "enabled", "targets"])
            guard let name = fields["name"] else { throw error(at: path, item, "needs a 'name'") }
            var rule = StackConfig.Rule(name: try nonEmptyString(name, at: "\(path).name"))
            rule.bus = try fields["bus"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(path).bus") }
            guard let pattern = fields["pattern"] else {
                throw error(at: path, item, "needs a 'pattern' (an event pattern written as a mapping)")
            }
            guard case .mapping = pattern else { throw error(at: "\(path).pattern", pattern, "must be a mapping (an event pattern)") }
            rule.pattern = YAMLJSON.text(pattern)
            rule.description = try fields["description"].map { n throws(ConfigError) in try string(n, at: "\(path).description") }
            if let node = fields["enabled"] { rule.enabled = try boolean(node, at: "\(path).enabled") }
            if let node = fields["targets"] { rule.targets = try targets(node, at: "\(path).targets") }
            guard !rules.contains(where: { $0.name == rule.name && ($0.bus ?? "default") == (rule.bus ?? "default") }) else {
                throw error(at: "\(path).name", name, "names a rule declared earlier on the same bus")
            }
            rules.append(rule)
        }
        return rules
    }

    private func targets(_ node: Node, at path: String) throws(ConfigError) -> [StackConfig.Rule.Target] {
        guard case .sequence(let items) = node else { throw error(at: path, node, "must be a list") }
        var targets: [StackConfig.Rule.Target] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let fields = try mapping(item, at: itemPath, allowed: [
                "id", "queue", "function", "state_machine", "input", "input_path", "input_transformer", "message_group_id",
                "dead_letter_queue",
            ])
            let destinations = [
                fields["queue"].map { ("queue", $0) }, fields["function"].map { ("function", $0) },
                fields["state_machine"].map { ("state_machine", $0) },
            ].compactMap { $0 }
            guard destinations.count == 1, let (kind, destinationNode) = destinations.first else {
                throw error(at: itemPath, item, "needs exactly one of 'queue', 'function' or 'state_machine'")
            }
            let value = try nonEmptyString(destinationNode, at: "\(itemPath).\(kind)")
            let destination: StackConfig.Rule.Target.Destination = switch kind {
            case "queue": .queue(value)
            case "function": .function(value)
            default: .stateMachine(value)
            }
            let id = try fields["id"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(itemPath).id") } ?? "target-\(index + 1)"
            var target = StackConfig.Rule.Target(id: id, destination: destination)
            target.input = fields["input"].map(YAMLJSON.text)
            target.inputPath = try fields["input_path"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(itemPath).input_path") }
            if let node = fields["input_transformer"] {
                let transformerPath = "\(itemPath).input_transformer"
                let transformer = try mapping(node, at: transformerPath, allowed: ["input_paths_map", "input_template"])
                guard let template = transformer["input_template"] else { throw error(at: transformerPath, node, "needs an 'input_template'") }
                var paths: [String: String] = [:]
                if let map = transformer["input_paths_map"] {
                    for (key, value) in try entries(map, at: "\(transformerPath).input_paths_map") {
                        paths[key] = try nonEmptyString(value, at: "\(transformerPath).input_paths_map.\(key)")
                    }
                }
                target.inputTransformer = .init(pathsMap: paths, template: try nonEmptyString(template, at: "\(transformerPath).input_template"))
            }
            target.messageGroupID = try fields["message_group_id"].map { n throws(ConfigError) in
                try nonEmptyString(n, at: "\(itemPath).message_group_id")
            }
            target.deadLetterQueue = try fields["dead_letter_queue"].map { n throws(ConfigError) in
                try nonEmptyString(n, at: "\(itemPath).dead_letter_queue")
            }
            let shapes = [target.input != nil, target.inputPath != nil, target.inputTransformer != nil].filter { $0 }.count
            guard shapes <= 1 else { throw error(at: itemPath, item, "may have only one of 'input', 'input_path' or 'input_transformer'") }
            targets.append(target)
        }
        return targets
    }

    func boolean(_ node: Node, at path: String) throws(ConfigError) -> Bool {
        let text = try string(node, at: path)
        guard let value = Bool(text) else { throw error(at: path, node, "must be true or false; got '\(text)'") }
        return value
    }
}

/// Writes a YAML tree as JSON text, so event patterns and inputs can be written as YAML in
/// `localstack.yml`. Plain scalars take YAML's core types (null, booleans, numbers); quoted
/// scalars are always strings.
enum YAMLJSON {
    static func text(_ node: Node) -> String {
        var output = ""
        write(node, into: &output)
        return output
    }

    private static func write(_ node: Node, into output: inout String) {
        switch node {
        case .mapping(let mapping):
            output += "{"
            for (index, (key, value)) in mapping.enumerated() {
                if index > 0 { output += "," }
                JSONStringLiteral.write(key.string ?? "", into: &output)
                output += ":"
                write(value, into: &output)
            }
            output += "}"
        case .sequence(let sequence):
            output += "["
            for (index, value) in sequence.enumerated() {
                if index > 0 { output += "," }
                write(value, into: &output)
            }
            output += "]"
        case .scalar(let scalar):
            guard scalar.style == .plain else { return JSONStringLiteral.write(scalar.string, into: &output) }
            let text = scalar.string
            if text.isEmpty || text == "~" || text == "null" {
                output += "null"
            } else if text == "true" || text == "false" {
                output += text
            } else if Int64(text) != nil || (Double(text).map { $0.isFinite } ?? false) && text.first.map({ $0.isNumber || $0 == "-" }) == true {
                output += text
            } else {
                JSONStringLiteral.write(text, into: &output)
            }
        case .alias:
            output += "null"
        }
    }
}
