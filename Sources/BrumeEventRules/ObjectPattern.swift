import BrumeWire

/// The conditions on one JSON object of an event: every field's must hold, and for each `$or`
/// at least one of its alternatives.
struct ObjectPattern: Sendable, Equatable {
    var fields: [FieldPattern] = []
    /// One entry per `$or` at this level; each lists the alternatives, of which one must match.
    var alternatives: [[ObjectPattern]] = []

    func matches(_ object: JSONObject) -> Bool {
        fields.allSatisfy { $0.matches(in: object) }
            && alternatives.allSatisfy { choices in choices.contains { $0.matches(object) } }
    }
}

/// What a pattern asks of one named member of an object.
struct FieldPattern: Sendable, Equatable {
    enum Condition: Sendable, Equatable {
        /// A nested pattern (`"detail": {...}`), applied to the member's object.
        case object(ObjectPattern)
        /// A list of alternatives (`"source": ["a", {"prefix": "b"}]`) for the member's value.
        case values([ValueMatcher])
    }

    var name: String
    var condition: Condition

    func matches(in object: JSONObject) -> Bool {
        let member = object[name]
        switch condition {
        case .object(let pattern):
            return FieldPattern.objects(in: member).contains { pattern.matches($0) }
        case .values(let matchers):
            let leaves = FieldPattern.leaves(of: member)
            return matchers.contains { $0.matches(leaves) }
        }
    }

    /// The objects a nested pattern is tried against.
    ///
    /// EventBridge flattens the event into paths before matching, so an array of objects offers
    /// each of its objects (arrays of arrays included), and a member that holds no object at all
    /// leaves every path below it absent: it is tried as an empty object, which only
    /// `{"exists": false}` conditions match.
    static func objects(in value: JSONValue?) -> [JSONObject] {
        var objects: [JSONObject] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object): objects.append(object)
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        if let value { collect(value) }
        return objects.isEmpty ? [JSONObject()] : objects
    }

    /// The leaf values a member holds: itself when it is a scalar (null included), the scalars of
    /// an array at any depth, and nothing for an object or a missing member, because EventBridge
    /// compares only leaves.
    static func leaves(of value: JSONValue?) -> [JSONValue] {
        var leaves: [JSONValue] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object: break
            case .array(let elements): elements.forEach(collect)
            default: leaves.append(value)
            }
        }
        if let value { collect(value) }
        return leaves
    }
}
