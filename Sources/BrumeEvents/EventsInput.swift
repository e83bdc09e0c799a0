import BrumeWire
import Foundation

/// An operation's JSON input with typed accessors that fail the way EventBridge does: a
/// missing required member or a broken constraint is ValidationException with AWS's message;
/// a member of the wrong JSON type is SerializationException.
struct EventsInput: Sendable {
    let fields: JSONObject

    init(_ value: JSONValue) {
        fields = value.objectValue ?? [:]
    }

    /// The model's member names are PascalCase; AWS's validation messages name them in camelCase.
    static func wireName(_ member: String) -> String {
        member.prefix(1).lowercased() + member.dropFirst()
    }

    func string(_ name: String) throws(EventsError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .serialization(name) }
        return text
    }

    func requiredString(_ name: String) throws(EventsError) -> String {
        guard let text = try string(name) else { throw .constraint(nil, at: Self.wireName(name), "Member must not be null") }
        return text
    }

    /// A string member of at most `maximum` characters.
    func string(_ name: String, maximum: Int) throws(EventsError) -> String? {
        guard let text = try string(name) else { return nil }
        guard text.count <= maximum else {
            throw .constraint(text, at: Self.wireName(name), "Member must have length less than or equal to \(maximum)")
        }
        return text
    }

    func bool(_ name: String) throws(EventsError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw .serialization(name) }
        return flag
    }

    func int(_ name: String) throws(EventsError) -> Int64? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue else { throw .serialization(name) }
        return number
    }

    /// `Limit`: 1-100; absent is `defaultValue`.
    func limit(default defaultValue: Int = 100) throws(EventsError) -> Int {
        guard let value = try int("Limit") else { return defaultValue }
        guard value >= 1 else { throw .constraint(String(value), at: "limit", "Member must have value greater than or equal to 1") }
        guard value <= 100 else { throw .constraint(String(value), at: "limit", "Member must have value less than or equal to 100") }
        return Int(value)
    }

    func array(_ name: String) throws(EventsError) -> [JSONValue]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .serialization(name) }
        return items
    }

    func stringList(_ name: String) throws(EventsError) -> [String]? {
        guard let items = try array(name) else { return nil }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw .serialization(name) }
            strings.append(text)
        }
        return strings
    }

    /// A `Tags` list of `{Key, Value}`: keys of 1-128 characters, values of up to 256.
    func tags(_ name: String = "Tags") throws(EventsError) -> [String: String]? {
        guard let items = try array(name) else { return nil }
        var tags: [String: String] = [:]
        for item in items {
            guard let object = item.objectValue else { throw .serialization(name) }
            guard let key = object["Key"]?.stringValue else { throw .constraint(nil, at: "tags.member.key", "Member must not be null") }
            guard let value = object["Value"]?.stringValue else { throw .constraint(nil, at: "tags.member.value", "Member must not be null") }
            guard (1...128).contains(key.count) else {
                throw .constraint(key, at: "tags.member.key", "Member must have length less than or equal to 128")
            }
            guard value.count <= 256 else {
                throw .constraint(value, at: "tags.member.value", "Member must have length less than or equal to 256")
            }
            tags[key] = value
        }
        return tags
    }

    /// A nested structure member.
    func object(_ name: String) throws(EventsError) -> EventsInput? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard value.objectValue != nil else { throw .serialization(name) }
        return EventsInput(value)
    }
}

/// Pages of the List operations, continued by ``ListingToken``s that name their listing.
enum PageToken {
    /// One page of `items` (sorted by `name`) after the token's name, and the next token.
    static func page<Item>(
        _ items: [Item], name: (Item) -> String, kind: String, token: String?, limit: Int
    ) throws(EventsError) -> (page: ArraySlice<Item>, next: String?) {
        var remaining = items[...]
        if let token {
            guard let after = ListingToken.payload(token, kind: kind) else { throw .invalidToken }
            remaining = remaining.drop { !after.utf8.lexicographicallyPrecedes(name($0).utf8) }
        }
        let page = remaining.prefix(limit)
        let next = remaining.count > limit ? page.last.map { ListingToken.make(kind, name($0)) } : nil
        return (page, next)
    }
}
