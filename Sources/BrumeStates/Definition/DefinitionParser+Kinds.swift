import BrumeWire

/// The fields specific to each state type. Each returns nil when a required piece is unusable;
/// every problem has been reported to ``DefinitionParser/reader`` by then.
extension DefinitionParser {
    mutating func parsePass(_ object: JSONObject, at location: String) -> State.Kind? {
        .pass(State.Pass(
            result: object["Result"],
            resultPath: reader.nullablePath("ResultPath", in: object, at: location),
            parameters: reader.template("Parameters", in: object, at: location)
        ))
    }

    mutating func parseTask(_ object: JSONObject, at location: String) -> State.Kind? {
        reader.require(["Resource"], in: object, at: location)
        let resource = reader.string("Resource", in: object, at: location)
        let timeout = seconds("TimeoutSeconds", in: object, at: location)
        let heartbeat = seconds("HeartbeatSeconds", in: object, at: location)
        if case .literal(let timeoutValue)? = timeout, case .literal(let heartbeatValue)? = heartbeat, heartbeatValue >= timeoutValue {
            // A heartbeat at or beyond the timeout could never fire first.
            reader.fail("HeartbeatSeconds must be smaller than TimeoutSeconds", at: "\(location)/HeartbeatSeconds")
        }
        let task = State.Task(
            resource: resource ?? "",
            parameters: reader.template("Parameters", in: object, at: location),
            resultSelector: reader.template("ResultSelector", in: object, at: location),
            resultPath: reader.nullablePath("ResultPath", in: object, at: location),
            retry: retriers(in: object, at: location),
            catch: catchers(in: object, at: location),
            timeout: timeout,
            heartbeat: heartbeat,
            credentials: reader.template("Credentials", in: object, at: location)
        )
        return resource == nil ? nil : .task(task)
    }

    /// `XSeconds` (a positive integer) or `XSecondsPath` (a reference path), not both.
    private mutating func seconds(_ key: String, in object: JSONObject, at location: String) -> State.Seconds? {
        guard reader.exclusive([key, key + "Path"], in: object, at: location) else { return nil }
        if let value = reader.integer(key, in: object, at: location, minimum: 1) { return .literal(value) }
        return reader.referencePath(key + "Path", in: object, at: location).map(State.Seconds.path)
    }

    mutating func parseChoice(_ object: JSONObject, at location: String) -> State.Kind? {
        reader.require(["Choices"], in: object, at: location)
        let fallback = reader.string("Default", in: object, at: location)
        guard let rules = reader.array("Choices", in: object, at: location, nonEmpty: true) else { return nil }
        // The transition graph needs each rule's Next; the rule parser checks the rest.
        var branches: [ChoiceBranch] = []
        for (index, rule) in rules.enumerated() {
            let ruleLocation = "\(location)/Choices[\(index)]"
            guard case .object(let members) = rule else {
                reader.fail("Expected value of type: Object", at: ruleLocation)
                continue
            }
            guard reader.require(["Next"], in: members, at: ruleLocation), reader.string("Next", in: members, at: ruleLocation) != nil
            else { continue }
            do {
                branches.append(try ChoiceBranch.parse(rule, path: ruleLocation))
            } catch {
                reader.fail(error.reason, at: error.path)
            }
        }
        return .choice(State.Choice(choices: rules, branches: branches, default: fallback))
    }

    mutating func parseWait(_ object: JSONObject, at location: String) -> State.Kind? {
        let fields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
        let present = fields.filter { object[$0] != nil }
        guard present.count == 1 else {
            reader.fail(
                present.isEmpty
                    ? "Exactly one of the following fields is required: [\(fields.joined(separator: ", "))]"
                    : "There should only be one of the following fields: [\(fields.joined(separator: ", "))]",
                at: location
            )
            return nil
        }
        let wait: State.Wait? = switch present[0] {
        case "Seconds": reader.integer("Seconds", in: object, at: location, minimum: 0).map(State.Wait.seconds)
        case "SecondsPath": reader.referencePath("SecondsPath", in: object, at: location).map(State.Wait.secondsPath)
        case "Timestamp": timestamp(in: object, at: location).map(State.Wait.timestamp)
        default: reader.referencePath("TimestampPath", in: object, at: location).map(State.Wait.timestampPath)
        }
        return wait.map(State.Kind.wait)
    }

    /// A literal `Timestamp`: RFC 3339 with an uppercase `T` and either `Z` or an offset, as ASL requires.
    private mutating func timestamp(in object: JSONObject, at location: String) -> String? {
        guard let text = reader.string("Timestamp", in: object, at: location) else { return nil }
        let pattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/
        guard text.wholeMatch(of: pattern) != nil else {
            reader.fail("Value is not a valid timestamp", at: "\(location)/Timestamp")
            return nil
        }
        return text
    }

    mutating func parseFail(_ object: JSONObject, at location: String) -> State.Kind? {
        reader.exclusive(["Error", "ErrorPath"], in: object, at: location)
        reader.exclusive(["Cause", "CausePath"], in: object, at: location)
        return .fail(State.Fail(
            error: reader.string("Error", in: object, at: location),
            errorPath: reader.referencePath("ErrorPath", in: object, at: location, allowsIntrinsic: true),
            cause: reader.string("Cause", in: object, at: location),
            causePath: reader.referencePath("CausePath", in: object, at: location, allowsIntrinsic: true)
        ))
    }

    mutating func parseParallel(_ object: JSONObject, at location: String) -> State.Kind? {
        reader.require(["Branches"], in: object, at: location)
        var branches: [StateGraph] = []
        for (index, branch) in (reader.array("Branches", in: object, at: location, nonEmpty: true) ?? []).enumerated() {
            let branchLocation = "\(location)/Branches[\(index)]"
            guard case .object(let members) = branch else {
                reader.fail("Expected value of type: Object", at: branchLocation)
                continue
            }
            if let graph = parseGraph(members, at: branchLocation) { branches.append(graph) }
        }
        let parallel = State.Parallel(
            branches: branches,
            parameters: reader.template("Parameters", in: object, at: location),
            resultSelector: reader.template("ResultSelector", in: object, at: location),
            resultPath: reader.nullablePath("ResultPath", in: object, at: location),
            retry: retriers(in: object, at: location),
            catch: catchers(in: object, at: location)
        )
        return branches.isEmpty ? nil : .parallel(parallel)
    }
}
