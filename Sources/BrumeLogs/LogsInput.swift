import BrumeWire

/// An operation's JSON input with typed accessors that fail the way CloudWatch Logs does:
/// a missing required member or a broken constraint is InvalidParameterException with AWS's
/// validation message; a member of the wrong JSON type is SerializationException.
struct LogsInput: Sendable {
    let fields: JSONObject

    init(_ value: JSONValue) {
        fields = value.objectValue ?? [:]
    }

    func string(_ name: String) throws(LogsError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .serialization(name) }
        return text
    }

    func requiredString(_ name: String) throws(LogsError) -> String {
        guard let text = try string(name) else { throw .constraint(nil, at: name, "Member must not be null") }
        return text
    }

    func bool(_ name: String) throws(LogsError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw .serialization(name) }
        return flag
    }

    func int(_ name: String) throws(LogsError) -> Int64? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue else { throw .serialization(name) }
        return number
    }

    /// A timestamp member (`startTime`, `endTime`): epoch milliseconds, not negative.
    func timestamp(_ name: String) throws(LogsError) -> Int64? {
        guard let value = try int(name) else { return nil }
        guard value >= 0 else { throw .constraint(String(value), at: name, "Member must have value greater than or equal to 0") }
        return value
    }

    /// A `limit`: absent is `defaultValue`; outside 1...maximum is the model's validation error.
    func limit(maximum: Int, default defaultValue: Int) throws(LogsError) -> Int {
        guard let value = try int("limit") else { return defaultValue }
        guard value >= 1 else { throw .constraint(String(value), at: "limit", "Member must have value greater than or equal to 1") }
        guard value <= maximum else {
            throw .constraint(String(value), at: "limit", "Member must have value less than or equal to \(maximum)")
        }
        return Int(value)
    }

    func stringList(_ name: String) throws(LogsError) -> [String]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .serialization(name) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw .serialization(name) }
            strings.append(text)
        }
        return strings
    }

    /// A `Tags` map, checked against the model: 1-50 tags, keys of 1-128 and values of up to
    /// 256 letters, digits, spaces and `_.:/=+-@`.
    func tags(_ name: String = "tags", required: Bool) throws(LogsError) -> [String: String]? {
        guard let value = fields[name], !value.isNull else {
            if required { throw .constraint(nil, at: name, "Member must not be null") }
            return nil
        }
        guard let object = value.objectValue else { throw .serialization(name) }
        var tags: [String: String] = [:]
        for (key, value) in object {
            guard let text = value.stringValue else { throw .serialization(name) }
            tags[key] = text
        }
        try TagRules.check(tags, member: name)
        return tags
    }
}

/// CloudWatch Logs' tag rules, from the model's `Tags`, `TagKey` and `TagValue` shapes.
enum TagRules {
    static let maximumCount = 50

    static func check(_ tags: [String: String], member: String) throws(LogsError) {
        guard !tags.isEmpty else { throw .constraint("{}", at: member, "Member must have length greater than or equal to 1") }
        guard tags.count <= maximumCount else {
            throw .constraint(nil, at: member, "Member must have length less than or equal to \(maximumCount)")
        }
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            guard (1...128).contains(key.count), key.allSatisfy(isTagCharacter) else {
                throw .constraint(key, at: "\(member).key", #"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$"#)
            }
            guard value.count <= 256, value.allSatisfy(isTagCharacter) else {
                throw .constraint(value, at: "\(member).\(key).member", #"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"#)
            }
        }
    }

    private static func isTagCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == " " || "_.:/=+-@".contains(character)
    }
}
