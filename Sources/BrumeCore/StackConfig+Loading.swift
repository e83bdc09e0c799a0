public import Foundation
import Yams

extension StackConfig {
    /// Reads and validates a config file.
    ///
    /// Unknown keys are errors, not ignored: a typo in `localstack.yml` must not silently
    /// change what the stack does.
    /// - Throws: ``ConfigError`` naming the file, the key and the reason.
    public static func load(contentsOf url: URL) throws(ConfigError) -> StackConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: url.path, key: "", reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: url.path)
    }

    /// Parses config text; `file` names the source in errors, and its folder is the base of
    /// relative function code paths.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> StackConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(file: file, key: "", reason: "is not valid YAML (\(error))")
        }
        var config = StackConfig()
        if let root {
            let reader = ConfigReader(file: file)
            try reader.read(root, into: &config)
        }
        try config.applyEnvironment(ProcessInfo.processInfo.environment)
        return config
    }

    /// Applies the environment overrides: `BRUME_TIME_SCALE` replaces `time_scale`.
    /// - Throws: ``ConfigError`` when a variable holds a value the key would refuse.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
        if let text = environment["BRUME_TIME_SCALE"] {
            guard let scale = Double(text), scale.isFinite, scale > 0 else {
                throw ConfigError(file: "environment", key: "BRUME_TIME_SCALE", reason: "must be a number greater than 0; got '\(text)'")
            }
            timeScale = scale
        }
    }
}

/// Walks the YAML tree with the key path of each value, so every error can name it.
struct ConfigReader {
    let file: String

    func read(_ root: Node, into config: inout StackConfig) throws(ConfigError) {
        let top = try mapping(root, at: "", allowed: [
            "version", "stack", "region", "account", "edge", "data_dir", "auth", "credentials",
            "services", "resources", "time_scale",
        ])
        if let node = top["version"] {
            let version = try integer(node, at: "version", in: 1...1)
            config.version = version
        }
        if let node = top["stack"] { config.stackName = try nonEmptyString(node, at: "stack") }
        if let node = top["region"] { config.region = try region(node, at: "region") }
        if let node = top["account"] { config.accountID = try accountID(node, at: "account") }
        if let node = top["edge"] {
            let edge = try mapping(node, at: "edge", allowed: ["host", "port"])
            if let host = edge["host"] { config.edge.host = try nonEmptyString(host, at: "edge.host") }
            if let port = edge["port"] { config.edge.port = try integer(port, at: "edge.port", in: 0...65535) }
        }
        if let node = top["data_dir"] { config.dataDirectory = try nonEmptyString(node, at: "data_dir") }
        if let node = top["auth"] {
            let value = try string(node, at: "auth")
            guard let mode = StackConfig.AuthMode(rawValue: value) else {
                throw error(at: "auth", node, "must be one of relaxed, strict; got '\(value)'")
            }
            config.auth = mode
        }
        if let node = top["credentials"] { config.credentials = try credentials(node) }
        if let node = top["services"] { config.services = try services(node) }
        if let node = top["resources"] { config.resources = try resources(node) }
        if let node = top["time_scale"] {
            let text = try string(node, at: "time_scale")
            guard let scale = Double(text), scale.isFinite, scale > 0 else {
                throw error(at: "time_scale", node, "must be a number greater than 0; got '\(text)'")
            }
            config.timeScale = scale
        }
    }

    private func credentials(_ node: Node) throws(ConfigError) -> [String: StackConfig.Credential] {
        var result: [String: StackConfig.Credential] = [:]
        for (key, value) in try entries(node, at: "credentials") {
            let path = "credentials.\(key)"
            if case .scalar = value {
                result[key] = .init(secret: try nonEmptyString(value, at: path), accountID: nil)
                continue
            }
            let fields = try mapping(value, at: path, allowed: ["secret", "account"])
            guard let secret = fields["secret"] else {
                throw error(at: path, value, "needs a 'secret'")
            }
            result[key] = .init(
                secret: try nonEmptyString(secret, at: "\(path).secret"),
                accountID: try fields["account"].map { n throws(ConfigError) in try accountID(n, at: "\(path).account") }
            )
        }
        if result.isEmpty { throw error(at: "credentials", node, "needs at least one access key") }
        return result
    }

    private func services(_ node: Node) throws(ConfigError) -> [String: StackConfig.ServiceConfig] {
        var result: [String: StackConfig.ServiceConfig] = [:]
        for (name, value) in try entries(node, at: "services") {
            let path = "services.\(name)"
            guard StackConfig.knownServices.contains(name) else {
                let known = StackConfig.knownServices.sorted().joined(separator: ", ")
                throw error(at: path, value, "is not a service Brume runs (known: \(known))")
            }
            var service = StackConfig.ServiceConfig()
            if case .scalar(let scalar) = value, scalar.string.isEmpty || scalar.string == "~" {
                result[name] = service
                continue
            }
            // Lambda alone has a setting of its own: the account's concurrency quota.
            let fields = try mapping(value, at: path, allowed: name == "lambda" ? ["endpoint", "account_concurrency"] : ["endpoint"])
            if let quota = fields["account_concurrency"] {
                service.accountConcurrency = try integer(quota, at: "\(path).account_concurrency", in: 1...100_000)
            }
            if let endpoint = fields["endpoint"] {
                let text = try string(endpoint, at: "\(path).endpoint")
                guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                    throw error(at: "\(path).endpoint", endpoint, "must be an http(s) URL; got '\(text)'")
                }
                service.endpoint = url
            }
            result[name] = service
        }
        return result
    }

    private func resources(_ node: Node) throws(ConfigError) -> StackConfig.Resources {
        var resources = StackConfig.Resources()
        let fields = try mapping(node, at: "resources", allowed: ["buckets", "queues", "functions", "rules", "apis"])
        if let queues = fields["queues"] { resources.queues = try self.queues(queues) }
        if let functions = fields["functions"] { resources.functions = try self.functions(functions) }
        if let rules = fields["rules"] { resources.rules = try self.rules(rules) }
        if let apis = fields["apis"] { resources.apis = try self.apis(apis) }
        if let buckets = fields["buckets"] {
            guard case .sequence(let items) = buckets else {
                throw error(at: "resources.buckets", buckets, "must be a list")
            }
            for (index, item) in items.enumerated() {
                let path = "resources.buckets[\(index)]"
                let bucket = try mapping(item, at: path, allowed: ["name", "region", "tags", "notifications", "event_bridge"])
                guard let name = bucket["name"] else { throw error(at: path, item, "needs a 'name'") }
                var tags: [String: String] = [:]
                if let tagNode = bucket["tags"] {
                    for (key, value) in try entries(tagNode, at: "\(path).tags") {
                        tags[key] = try string(value, at: "\(path).tags.\(key)")
                    }
                }
                resources.buckets.append(.init(
                    name: try nonEmptyString(name, at: "\(path).name"),
                    region: try bucket["region"].map { n throws(ConfigError) in try region(n, at: "\(path).region") },
                    tags: tags,
                    notifications: try bucket["notifications"].map { n throws(ConfigError) in try notifications(n, at: "\(path).notifications") } ?? [],
                    eventBridge: try bucket["event_bridge"].map { n throws(ConfigError) in try boolean(n, at: "\(path).event_bridge") } ?? false
                ))
            }
        }
        return resources
    }

    // MARK: - Typed readers

    /// `resources.queues`: name, attributes (SQS attribute names, any scalar values), tags and a
    /// `dead_letter` shorthand for RedrivePolicy that names another queue declared in the file.
    private func queues(_ node: Node) throws(ConfigError) -> [StackConfig.Queue] {
        guard case .sequence(let items) = node else { throw error(at: "resources.queues", node, "must be a list") }
        var queues: [StackConfig.Queue] = []
        var deadLetterTargets: [(path: String, node: Node, name: String)] = []
        for (index, item) in items.enumerated() {
            let path = "resources.queues[\(index)]"
            let fields = try mapping(item, at: path, allowed: ["name", "attributes", "tags", "dead_letter"])
            guard let name = fields["name"] else { throw error(at: path, item, "needs a 'name'") }
            var queue = StackConfig.Queue(name: try nonEmptyString(name, at: "\(path).name"))
            if let node = fields["attributes"] {
                for (key, value) in try entries(node, at: "\(path).attributes") {
                    queue.attributes[key] = try string(value, at: "\(path).attributes.\(key)")
                }
            }
            if let node = fields["tags"] {
                for (key, value) in try entries(node, at: "\(path).tags") {
                    queue.tags[key] = try string(value, at: "\(path).tags.\(key)")
                }
            }
            if let node = fields["dead_letter"] {
                let deadLetter = try mapping(node, at: "\(path).dead_letter", allowed: ["queue", "max_receive_count"])
                guard let target = deadLetter["queue"] else { throw error(at: "\(path).dead_letter", node, "needs a 'queue'") }
                let targetName = try nonEmptyString(target, at: "\(path).dead_letter.queue")
                deadLetterTargets.append((path: "\(path).dead_letter.queue", node: target, name: targetName))
                let count = try deadLetter["max_receive_count"].map { n throws(ConfigError) in
                    try integer(n, at: "\(path).dead_letter.max_receive_count", in: 1...1000)
                } ?? 3
                queue.deadLetter = .init(queue: targetName, maxReceiveCount: count)
            }
            queues.append(queue)
        }
        for target in deadLetterTargets where !queues.contains(where: { $0.name == target.name }) {
            throw error(at: target.path, target.node, "must name a queue declared in resources.queues; '\(target.name)' is not")
        }
        return queues
    }

    /// `resources.functions`: name, code (a directory), runtime, handler, environment, timeout,
    /// memory and concurrency. Values are checked by the Lambda API when the stack deploys them.
    private func functions(_ node: Node) throws(ConfigError) -> [StackConfig.Function] {
        guard case .sequence(let items) = node else { throw error(at: "resources.functions", node, "must be a list") }
        var functions: [StackConfig.Function] = []
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        for (index, item) in items.enumerated() {
            let path = "resources.functions[\(index)]"
            let fields = try mapping(item, at: path, allowed: [
                "name", "code", "runtime", "handler", "environment", "timeout", "memory", "concurrency", "event_sources",
            ])
            func required(_ key: String) throws(ConfigError) -> String {
                guard let node = fields[key] else { throw error(at: path, item, "needs a '\(key)'") }
                return try nonEmptyString(node, at: "\(path).\(key)")
            }
            let code = try required("code")
            let directory = code.hasPrefix("/") ? URL(fileURLWithPath: code) : URL(fileURLWithPath: code, relativeTo: folder)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw error(at: "\(path).code", fields["code"]!, "must be a directory; '\(directory.standardizedFileURL.path)' is not")
            }
            var function = StackConfig.Function(
                name: try required("name"), code: directory.standardizedFileURL.path, runtime: try required("runtime"),
                handler: try required("handler")
            )
            if let node = fields["environment"] {
                for (key, value) in try entries(node, at: "\(path).environment") {
                    function.environment[key] = try string(value, at: "\(path).environment.\(key)")
                }
            }
            function.timeout = try fields["timeout"].map { n throws(ConfigError) in try integer(n, at: "\(path).timeout", in: 1...900) }
            function.memory = try fields["memory"].map { n throws(ConfigError) in try integer(n, at: "\(path).memory", in: 128...10240) }
            function.concurrency = try fields["concurrency"].map { n throws(ConfigError) in try integer(n, at: "\(path).concurrency", in: 0...1000) }
            if let node = fields["event_sources"] { function.eventSources = try eventSources(node, at: "\(path).event_sources") }
            functions.append(function)
        }
        return functions
    }

    /// A bucket's `notifications`: each names a `queue` or a `function`, its `events`, and
    /// optionally an `id`, a `prefix` and a `suffix`. S3 checks the events when the stack deploys them.
    private func notifications(_ node: Node, at path: String) throws(ConfigError) -> [StackConfig.Bucket.Notification] {
        guard case .sequence(let items) = node else { throw error(at: path, node, "must be a list") }
        var result: [StackConfig.Bucket.Notification] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let fields = try mapping(item, at: itemPath, allowed: ["id", "queue", "function", "events", "prefix", "suffix"])
            let destination: StackConfig.Bucket.Notification.Destination
            switch (fields["queue"], fields["function"]) {
            case (let queue?, nil): destination = .queue(try nonEmptyString(queue, at: "\(itemPath).queue"))
            case (nil, let function?): destination = .function(try nonEmptyString(function, at: "\(itemPath).function"))
            default: throw error(at: itemPath, item, "needs exactly one of 'queue' or 'function'")
            }
            guard let eventsNode = fields["events"], case .sequence(let eventNodes) = eventsNode, !eventNodes.isEmpty else {
                throw error(at: itemPath, item, "needs 'events', a list of S3 event types such as s3:ObjectCreated:*")
            }
            var events: [String] = []
            for (eventIndex, eventNode) in eventNodes.enumerated() {
                events.append(try nonEmptyString(eventNode, at: "\(itemPath).events[\(eventIndex)]"))
            }
            result.append(.init(
                id: try fields["id"].map { n throws(ConfigError) in try nonEmptyString(n, at: "\(itemPath).id") },
                destination: destination, events: events,
                prefix: try fields["prefix"].map { n throws(ConfigError) in try string(n, at: "\(itemPath).prefix") },
                suffix: try fields["suffix"].map { n throws(ConfigError) in try string(n, at: "\(itemPath).suffix") }
            ))
        }
        return result
    }

    /// A function's `event_sources`: SQS queues with batch_size, batching_window (seconds),
    /// report_batch_item_failures and maximum_concurrency.
    private func eventSources(_ node: Node, at path: String) throws(ConfigError) -> [StackConfig.Function.EventSource] {
        guard case .sequence(let items) = node else { throw error(at: path, node, "must be a list") }
        var sources: [StackConfig.Function.EventSource] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let fields = try mapping(item, at: itemPath, allowed: [
                "queue", "batch_size", "batching_window", "report_batch_item_failures", "maximum_concurrency",
            ])
            guard let queue = fields["queue"] else { throw error(at: itemPath, item, "needs a 'queue'") }
            var source = StackConfig.Function.EventSource(queue: try nonEmptyString(queue, at: "\(itemPath).queue"))
            source.batchSize = try fields["batch_size"].map { n throws(ConfigError) in try integer(n, at: "\(itemPath).batch_size", in: 1...10_000) }
            source.batchingWindow = try fields["batching_window"].map { n throws(ConfigError) in
                try integer(n, at: "\(itemPath).batching_window", in: 0...300)
            }
            source.maximumConcurrency = try fields["maximum_concurrency"].map { n throws(ConfigError) in
                try integer(n, at: "\(itemPath).maximum_concurrency", in: 2...1000)
            }
            if let flag = fields["report_batch_item_failures"] {
                let text = try string(flag, at: "\(itemPath).report_batch_item_failures")
                guard let value = Bool(text) else {
                    throw error(at: "\(itemPath).report_batch_item_failures", flag, "must be true or false; got '\(text)'")
                }
                source.reportBatchItemFailures = value
            }
            sources.append(source)
        }
        return sources
    }

    func mapping(_ node: Node, at path: String, allowed: Set<String>) throws(ConfigError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try entries(node, at: path) {
            guard allowed.contains(key) else {
                let location = path.isEmpty ? key : "\(path).\(key)"
                throw error(at: location, value, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = value
        }
        return result
    }

    func entries(_ node: Node, at path: String) throws(ConfigError) -> [(String, Node)] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            return []
        }
        guard case .mapping(let mapping) = node else {
            throw error(at: path, node, "must be a mapping")
        }
        var result: [(String, Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw error(at: path, keyNode, "keys must be plain strings") }
            guard seen.insert(key.string).inserted else {
                throw error(at: path.isEmpty ? key.string : "\(path).\(key.string)", keyNode, "appears twice")
            }
            result.append((key.string, value))
        }
        return result
    }

    func string(_ node: Node, at path: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error(at: path, node, "must be a string") }
        return scalar.string
    }

    func nonEmptyString(_ node: Node, at path: String) throws(ConfigError) -> String {
        let value = try string(node, at: path)
        guard !value.isEmpty else { throw error(at: path, node, "must not be empty") }
        return value
    }

    func integer(_ node: Node, at path: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try string(node, at: path)
        guard let value = Int(text), range.contains(value) else {
            throw error(at: path, node, "must be an integer from \(range.lowerBound) to \(range.upperBound); got '\(text)'")
        }
        return value
    }

    func region(_ node: Node, at path: String) throws(ConfigError) -> String {
        let value = try string(node, at: path)
        guard RegionName.isValid(value) else {
            throw error(at: path, node, "is not a region name like us-east-1; got '\(value)'")
        }
        return value
    }

    func accountID(_ node: Node, at path: String) throws(ConfigError) -> String {
        let value = try string(node, at: path)
        guard value.count == 12, value.allSatisfy(\.isASCIIDigit) else {
            throw error(at: path, node, "must be a 12-digit account id (quote it to keep leading zeros); got '\(value)'")
        }
        return value
    }

    func error(at path: String, _ node: Node, _ reason: String) -> ConfigError {
        ConfigError(file: file, key: path, reason: reason, line: node.mark?.line)
    }
}
