/// The members of a JSON object, in the order they were written or added.
///
/// Order is kept because AWS keeps it: a Step Functions `Parameters` block or `States.JsonToString`
/// output comes back with its keys in the order the definition gave them. Equality ignores order,
/// as JSON's does. Lookups go through an index, so large objects stay fast.
public struct JSONObject: Sendable {
    /// Unlabelled, so the array a dictionary literal builds becomes the storage as it is.
    private var members: [(String, JSONValue)] = []
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

    /// An object with `members` in order, whose keys the caller checked are distinct.
    private init(distinct members: [(String, JSONValue)]) {
        self.members = members
    }

    /// An object from a literal's pairs: a few distinct keys (the usual literal, such as a
    /// history event's details) keep the literal's array as storage, without a copy or lookups.
    init(literal pairs: [(String, JSONValue)]) {
        if pairs.count <= Self.indexThreshold, Self.keysAreDistinct(pairs) {
            self.init(distinct: pairs)
        } else {
            self.init(pairs)
        }
    }

    private static func keysAreDistinct(_ pairs: [(String, JSONValue)]) -> Bool {
        for later in pairs.indices.dropFirst() {
            let key = pairs[later].0
            // Keys of different lengths (most pairs) differ without comparing their bytes.
            for earlier in 0..<later where pairs[earlier].0.utf8.count == key.utf8.count && pairs[earlier].0 == key { return false }
        }
        return true
    }

    /// An object from a dictionary, with its keys sorted so the result is deterministic.
    public init(_ dictionary: [String: JSONValue]) {
        members.reserveCapacity(dictionary.count)
        for key in dictionary.keys.sorted() { self[key] = dictionary[key] }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.0 == key }
    }

    /// The member named `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].1 } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].1 = newValue
                } else {
                    members.remove(at: position)
                    if index != nil {
                        index?[key] = nil
                        for later in position..<members.count { index?[members[later].0] = later }
                    }
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    var built: [String: Int] = [:]
                    built.reserveCapacity(members.count)
                    for (position, member) in members.enumerated() { built[member.0] = position }
                    index = built
                }
            }
        }
    }

    public var keys: [String] { members.map(\.0) }
    public var values: [JSONValue] { members.map(\.1) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The members as a dictionary, for callers that do not care about order.
    public var dictionary: [String: JSONValue] {
        Dictionary(members, uniquingKeysWith: { _, last in last })
    }

    /// The same keys, in the same order, with transformed values.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for position in result.members.indices { result.members[position].1 = try transform(result.members[position].1) }
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
    /// The members in order, as `(key:value:)` pairs.
    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[(String, JSONValue)]>

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next().map { (key: $0.0, value: $0.1) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: members.makeIterator()) }

    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Equatable {
    /// Objects are equal when they have the same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.0] == $0.1 }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(literal: elements)
    }
}

extension JSONValue {
    /// An object of string members with sorted keys, as SQS writes attribute and tag maps.
    public static func strings(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.mapValues { JSONValue.string($0) }))
    }
}
