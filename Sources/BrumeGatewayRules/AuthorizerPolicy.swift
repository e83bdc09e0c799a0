public import BrumeWire

/// What a Lambda authorizer answered: its principal, IAM policy, context and (for
/// `apiKeySource: AUTHORIZER`) the API key to meter the call with.
public struct AuthorizerResult: Sendable, Equatable {
    public struct Statement: Sendable, Equatable {
        public var allow: Bool
        public var actions: [String]
        public var resources: [String]
    }

    public var principalID: String
    public var statements: [Statement]
    /// String, number and boolean values only, as API Gateway requires.
    public var context: JSONObject
    public var usageIdentifierKey: String?

    /// Reads the function's answer; nil when API Gateway refuses it (500, the authorizer's
    /// configuration is broken): not an object, no `principalId` or `policyDocument`, a
    /// statement without `Effect`, or a context value that is an object or array.
    public init?(payload: [UInt8]) {
        guard let document = try? JSONValue.parse(payload), let object = document.objectValue,
              let principal = Self.text(object["principalId"]),
              let policy = Self.policyObject(object["policyDocument"]),
              let rawStatements = Self.list(policy["Statement"])
        else { return nil }
        var statements: [Statement] = []
        for raw in rawStatements {
            guard let statement = raw.objectValue, let effect = statement["Effect"]?.stringValue,
                  effect == "Allow" || effect == "Deny"
            else { return nil }
            let actions = (Self.list(statement["Action"]) ?? []).compactMap(\.stringValue)
            let resources = (Self.list(statement["Resource"]) ?? []).compactMap(\.stringValue)
            statements.append(Statement(allow: effect == "Allow", actions: actions, resources: resources))
        }
        var context = JSONObject()
        switch object["context"] {
        case nil, .null?: break
        case .object(let members)?:
            for (name, value) in members {
                switch value {
                case .string, .int, .double, .bool: context[name] = value
                case .null: continue
                default: return nil
                }
            }
        default: return nil
        }
        principalID = principal
        self.statements = statements
        self.context = context
        usageIdentifierKey = object["usageIdentifierKey"]?.stringValue
    }

    /// Whether the policy lets the caller invoke `methodARN`: an explicit Deny wins, then an Allow;
    /// without either, the call is denied.
    public func decision(for methodARN: String) -> Decision {
        var allowed = false
        for statement in statements {
            let actionMatches = statement.actions.contains { Self.glob($0.lowercased(), matches: "execute-api:invoke") }
            guard actionMatches, statement.resources.contains(where: { Self.glob($0, matches: methodARN) }) else { continue }
            if !statement.allow { return .explicitDeny }
            allowed = true
        }
        return allowed ? .allow : .deny
    }

    public enum Decision: Sendable, Equatable {
        case allow, deny, explicitDeny
    }

    /// IAM's wildcard match: `*` any run of characters (slashes included), `?` any one character.
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars), text = Array(text.unicodeScalars)
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1; t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The policy may arrive as an object or as a JSON string holding one.
    private static func policyObject(_ value: JSONValue?) -> JSONObject? {
        switch value {
        case .object(let object)?: object
        case .string(let text)?: (try? JSONValue.parse(Array(text.utf8)))?.objectValue
        default: nil
        }
    }

    /// A single value or a list of them, as IAM allows.
    private static func list(_ value: JSONValue?) -> [JSONValue]? {
        switch value {
        case .array(let values)?: values
        case .object?: [value!]
        case .string?: [value!]
        default: nil
        }
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        default: nil
        }
    }
}
