public import BrumeWire

extension PolicyDocument {
    /// Reads and validates a policy document as IAM does for a policy of `kind`.
    /// - Throws: ``MalformedPolicyDocument`` with IAM's message for the first problem found.
    public init(parsing text: String, kind: PolicyKind) throws(MalformedPolicyDocument) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(Array(text.utf8))
        } catch {
            throw .syntax
        }
        try self.init(json: json, kind: kind)
    }

    /// Validates an already parsed document; see ``init(parsing:kind:)``.
    public init(json: JSONValue, kind: PolicyKind) throws(MalformedPolicyDocument) {
        guard let top = json.objectValue else { throw .syntax }
        for key in top.keys where !["Version", "Id", "Statement"].contains(key) { throw .syntax }
        var version = PolicyVersion.v2008
        if let written = top["Version"] {
            guard let text = written.stringValue else { throw .syntax }
            guard let known = PolicyVersion(rawValue: text) else { throw .legacyParsing }
            version = known
        }
        var id: String?
        if let written = top["Id"] {
            guard let text = written.stringValue else { throw .syntax }
            id = text
        }
        let statementValues: [JSONValue]
        switch top["Statement"] {
        case .object?: statementValues = [top["Statement"]!]
        case .array(let elements)? where !elements.isEmpty: statementValues = elements
        default: throw .syntax
        }
        var statements: [PolicyStatement] = []
        var sids = Set<String>()
        for value in statementValues {
            let statement = try PolicyStatementParser(kind: kind).parse(value)
            if let sid = statement.sid, !sid.isEmpty {
                guard sids.insert(sid).inserted else { throw .duplicateSid }
            }
            statements.append(statement)
        }
        self.init(version: version, id: id, statements: statements)
    }
}

/// The checks IAM makes on one statement.
struct PolicyStatementParser {
    let kind: PolicyKind

    static let keys: Set<String> = [
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    ]

    func parse(_ value: JSONValue) throws(MalformedPolicyDocument) -> PolicyStatement {
        guard let members = value.objectValue else { throw .syntax }
        for key in members.keys where !Self.keys.contains(key) { throw .syntax }
        var sid: String?
        if let written = members["Sid"] {
            guard let text = written.stringValue else { throw .syntax }
            // Resource policies (bucket and queue policies) allow any text; IAM's own do not.
            if kind != .resource, !text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
                throw .sidCharacters
            }
            sid = text
        }
        guard let effectText = members["Effect"]?.stringValue, let effect = PolicyEffect(rawValue: effectText) else {
            throw .syntax
        }
        let principals = try parsePrincipals(members)
        let actions = try parseActions(members)
        let resources = try parseResources(members)
        let conditions = try parseConditions(members["Condition"])
        return PolicyStatement(
            sid: sid, effect: effect, actions: actions, resources: resources, principals: principals, conditions: conditions)
    }

    /// A string or a non-empty array of strings.
    func strings(_ value: JSONValue) throws(MalformedPolicyDocument) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let elements) where !elements.isEmpty:
            var texts: [String] = []
            for element in elements {
                guard let text = element.stringValue else { throw .syntax }
                texts.append(text)
            }
            return texts
        default: throw .syntax
        }
    }

    func positiveOrNegated(_ members: JSONObject, _ name: String) throws(MalformedPolicyDocument) -> Matchable<String>? {
        let positive = members[name], negative = members["Not" + name]
        if positive != nil, negative != nil { throw .syntax }
        if let positive { return Matchable(values: try strings(positive), negated: false) }
        if let negative { return Matchable(values: try strings(negative), negated: true) }
        return nil
    }

    func parseActions(_ members: JSONObject) throws(MalformedPolicyDocument) -> Matchable<String> {
        guard let actions = try positiveOrNegated(members, "Action") else { throw .actionsMissing }
        for action in actions.values where action != "*" {
            guard let colon = action.firstIndex(of: ":"), colon != action.startIndex else { throw .vendorMissing }
        }
        return actions
    }

    func parseResources(_ members: JSONObject) throws(MalformedPolicyDocument) -> Matchable<String>? {
        guard let resources = try positiveOrNegated(members, "Resource") else {
            if kind == .identity || kind == .session { throw .resourcesMissing }
            return nil
        }
        for resource in resources.values where resource != "*" {
            // IAM's grammar: arn:partition:service:region:account:resource, with wildcards allowed anywhere.
            let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn" || parts[0] == "*" else { throw .invalidResource(resource) }
            let partition = parts[1]
            if !partition.contains("*"), !partition.contains("?"), !Self.partitions.contains(String(partition)) {
                throw .invalidPartition(String(partition), resource)
            }
        }
        return resources
    }

    static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    func parsePrincipals(_ members: JSONObject) throws(MalformedPolicyDocument) -> Matchable<PrincipalPattern>? {
        let positive = members["Principal"], negative = members["NotPrincipal"]
        if kind == .identity || kind == .session {
            if positive != nil || negative != nil { throw .principalForbidden }
            return nil
        }
        if positive != nil, negative != nil { throw .syntax }
        guard let written = positive ?? negative else { throw .principalMissing }
        return Matchable(values: try principals(written), negated: positive == nil)
    }

    func principals(_ value: JSONValue) throws(MalformedPolicyDocument) -> [PrincipalPattern] {
        if let text = value.stringValue {
            guard text == "*" else { throw .syntax }
            return [.anyone]
        }
        guard let map = value.objectValue, !map.isEmpty else { throw .syntax }
        var patterns: [PrincipalPattern] = []
        for (type, listed) in map {
            for text in try strings(listed) {
                patterns.append(try principal(type: type, text))
            }
        }
        return patterns
    }

    func principal(type: String, _ text: String) throws(MalformedPolicyDocument) -> PrincipalPattern {
        switch type {
        case "AWS":
            if text == "*" { return .anyone }
            if ARNText.isAccountID(text) { return .account(text) }
            guard let arn = ARNText(text), arn.service == "iam" || arn.service == "sts", ARNText.isAccountID(arn.account),
                  arn.region.isEmpty, !arn.resource.isEmpty, Self.partitions.contains(arn.partition)
            else { throw .invalidPrincipal(type, text) }
            if arn.service == "iam", arn.resource == "root" { return .account(arn.account) }
            let kinds = arn.service == "iam" ? ["user/", "role/", "federated-user/"] : ["assumed-role/", "federated-user/"]
            guard kinds.contains(where: { arn.resource.hasPrefix($0) && arn.resource.count > $0.count }) else {
                throw .invalidPrincipal(type, text)
            }
            return .arn(text)
        case "Service":
            guard text == "*" || (text.contains(".") && !text.contains(" ")) else { throw .invalidPrincipal(type, text) }
            return .service(text)
        case "Federated":
            guard !text.isEmpty else { throw .invalidPrincipal(type, text) }
            return .federated(text)
        case "CanonicalUser":
            guard !text.isEmpty else { throw .invalidPrincipal(type, text) }
            return .canonicalUser(text)
        default:
            throw .invalidPrincipal(type, text)
        }
    }

    func parseConditions(_ value: JSONValue?) throws(MalformedPolicyDocument) -> [ConditionClause] {
        guard let value else { return [] }
        guard let operators = value.objectValue else { throw .syntax }
        var clauses: [ConditionClause] = []
        for (name, block) in operators {
            guard let conditionOperator = ConditionOperator(name: name) else { throw .invalidConditionType(name) }
            guard let keys = block.objectValue else { throw .syntax }
            for (key, listed) in keys {
                guard let colon = key.firstIndex(of: ":"), colon != key.startIndex else { throw .vendorMissing }
                clauses.append(ConditionClause(conditionOperator: conditionOperator, key: key, values: try conditionValues(listed)))
            }
        }
        return clauses
    }

    /// Strings, numbers and booleans, alone or in an array; IAM compares their text.
    func conditionValues(_ value: JSONValue) throws(MalformedPolicyDocument) -> [String] {
        func text(_ value: JSONValue) throws(MalformedPolicyDocument) -> String {
            switch value {
            case .string(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            case .int(let number): return String(number)
            case .double(let number): return String(number)
            default: throw .syntax
            }
        }
        if case .array(let elements) = value {
            var texts: [String] = []
            for element in elements { texts.append(try text(element)) }
            return texts
        }
        return [try text(value)]
    }
}
