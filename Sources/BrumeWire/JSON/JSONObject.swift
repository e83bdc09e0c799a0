/// The members of a JSON object, in the order they were written or added.
///
/// Order is kept because AWS keeps it: a Step Functions `Parameters` block or `States.JsonToString`
/// output comes back with its keys in the order the definition gave them. Equality ignores order,
/// as JSON's does. Lookups go through an index, so large objects stay fast.
public struct JSONObject: Sendable {
    private var members: [(key: String, value: JSONValue)] = []
    /// Positions by key, built only once the object outgrows ``indexThreshold``: for the few
    /// members most objects have (history event details, small payloads) comparing keys in turn
    /// is cheaper than hashing the key and allocating a dictionary.
    private var index: [String: Int]?

    /// The member count above which lookups go through ``index``.
    private static let indexThreshold = 12

    public init() {}

    /// An object with `pairs` in order; a repeated key keeps its first position and last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        members.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from a dictionary, with its keys sorted so the result is deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        members.reserveCapacity(dictionary.count)
        for key in dictionary.keys.sorted() { self[key] = dictionary[key] }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The member named `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    if index != nil {
                        index?[key] = nil
                        for later in position..<members.count { index?[members[later].key] = later }
                    }
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    var built: [String: Int] = [:]
                    built.reserveCapacity(members.count)
                    for (position, member) in members.enumerated() { built[member.key] = position }
                    index = built
                }
            }
        }
    }

    public var keys: [String] { members.map(\.key) }
    public var values: [JSONValue] { members.map(\.value) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The members as a dictionary, for callers that do not care about order.
    public var dictionary: [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The same keys, in the same order, with transformed values.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for position in result.members.indices { result.members[position].value = try transform(result.members[position].value) }
        return result
    }

    /// The transformed values that are not nil, as a dictionary.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var result: [String: T] = [:]
        for (key, value) in members {
            if let transformed = try transform(value) { result[key] = transformed }
        }
        return result
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }
}

extension JSONObject: Equatable {
    /// Objects are equal when they have the same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONValue {
    /// An object of string members with sorted keys, as SQS writes attribute and tag maps.
    public static func strings(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.mapValues { JSONValue.string($0) }))
    }
}
