/// EventBridge's names and ARNs: rule and bus name rules from the model, and the ARNs AWS
/// gives them.
enum EventsNames {
    static let defaultBus = "default"
    static let rulePattern = #"[\.\-_A-Za-z0-9]+"#
    static let busPattern = #"[/\.\-_A-Za-z0-9]+"#

    /// A rule name (or `NamePrefix`, or a target id): 1-64 of `[.-_A-Za-z0-9]`.
    static func checkRuleName(_ name: String, member: String) throws(EventsError) {
        guard !name.isEmpty else { throw .constraint(name, at: member, "Member must have length greater than or equal to 1") }
        guard name.count <= 64 else { throw .constraint(name, at: member, "Member must have length less than or equal to 64") }
        guard name.unicodeScalars.allSatisfy(isNameCharacter) else {
            throw .constraint(name, at: member, "Member must satisfy regular expression pattern: \(rulePattern)")
        }
    }

    /// An event bus name: 1-256 of `[/.-_A-Za-z0-9]`.
    static func checkBusName(_ name: String, member: String) throws(EventsError) {
        guard !name.isEmpty else { throw .constraint(name, at: member, "Member must have length greater than or equal to 1") }
        guard name.count <= 256 else { throw .constraint(name, at: member, "Member must have length less than or equal to 256") }
        guard name.unicodeScalars.allSatisfy({ isNameCharacter($0) || $0 == "/" }) else {
            throw .constraint(name, at: member, "Member must satisfy regular expression pattern: \(busPattern)")
        }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_")
    }

    /// The bus an `EventBusName` member names: a name, or a bus ARN
    /// (`arn:aws:events:<region>:<account>:event-bus/<name>`), whose name is taken. A bus ARN of
    /// another account or region than the caller's names no bus the caller has.
    static func busName(_ nameOrARN: String?, member: String, account: String, region: String) throws(EventsError) -> String {
        guard let nameOrARN else { return defaultBus }
        if nameOrARN.hasPrefix("arn:") {
            let parts = nameOrARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "events", parts[5].hasPrefix("event-bus/") else {
                throw .validation("Parameter \(member) is not valid.")
            }
            guard parts[3] == region, parts[4] == account else {
                throw .resourceNotFound("Event bus \(nameOrARN) does not exist.")
            }
            let name = String(parts[5].dropFirst("event-bus/".count))
            try checkBusName(name, member: member)
            return name
        }
        try checkBusName(nameOrARN, member: member)
        return nameOrARN
    }

    static func busARN(_ key: BusKey) -> String {
        "arn:aws:events:\(key.region):\(key.account):event-bus/\(key.name)"
    }

    /// `rule/<name>` on the default bus, `rule/<bus>/<name>` on another, as AWS writes them.
    static func ruleARN(_ key: RuleKey) -> String {
        let bus = key.bus
        let path = bus.name == defaultBus ? key.name : "\(bus.name)/\(key.name)"
        return "arn:aws:events:\(bus.region):\(bus.account):rule/\(path)"
    }

    /// What a `ResourceARN` names: a rule or a bus of this account and region.
    enum Resource: Equatable {
        case rule(RuleKey)
        case bus(BusKey)
    }

    static func resource(_ arn: String) -> Resource? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "events" else { return nil }
        let (region, account, path) = (parts[3], parts[4], parts[5])
        if path.hasPrefix("event-bus/") {
            return .bus(BusKey(account: account, region: region, name: String(path.dropFirst("event-bus/".count))))
        }
        guard path.hasPrefix("rule/") else { return nil }
        let rest = path.dropFirst("rule/".count)
        guard let slash = rest.lastIndex(of: "/") else {
            return .rule(RuleKey(bus: BusKey(account: account, region: region, name: defaultBus), name: String(rest)))
        }
        return .rule(RuleKey(bus: BusKey(account: account, region: region, name: String(rest[..<slash])),
                             name: String(rest[rest.index(after: slash)...])))
    }
}
