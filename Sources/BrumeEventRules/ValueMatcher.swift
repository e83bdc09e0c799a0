import BrumeWire

/// One alternative in the array under a pattern field: an exact value or a comparison.
///
/// String comparisons are on UTF-8 bytes, as EventBridge's are: `"é"` written precomposed and
/// decomposed are different values. Numbers compare by value, so `5` matches `5.0` and `5e0`;
/// a number never equals a string, and `null` only equals `null`.
indirect enum ValueMatcher: Sendable, Equatable {
    /// `"text"`, `5`, `true`, `null`.
    case equals(JSONValue)
    /// `{"prefix": "us-"}`; with `ignoringCase`, `{"prefix": {"equals-ignore-case": "us-"}}`.
    case prefix(String, ignoringCase: Bool)
    /// `{"suffix": ".png"}`; with `ignoringCase`, `{"suffix": {"equals-ignore-case": ".png"}}`.
    case suffix(String, ignoringCase: Bool)
    /// `{"equals-ignore-case": "alice"}`.
    case equalsIgnoreCase(String)
    /// `{"wildcard": "dir/*.png"}`.
    case wildcard(WildcardPattern)
    /// `{"numeric": [">", 0, "<=", 5]}`.
    case numeric(NumericRange)
    /// `{"cidr": "10.0.0.0/24"}`.
    case cidr(CIDRBlock)
    /// `{"exists": true}` or `{"exists": false}`: about the field, not about one of its values.
    case exists(Bool)
    /// `{"anything-but": ...}`: a value that none of these matchers match.
    case anythingBut([ValueMatcher])

    /// Whether the field whose leaf values are `leaves` (empty when it is absent) satisfies this
    /// alternative.
    ///
    /// A field holding an array satisfies it when one of its elements does; so
    /// `{"anything-but": "a"}` accepts `["a", "b"]`, because `"b"` is not `"a"`.
    func matches(_ leaves: [JSONValue]) -> Bool {
        if case .exists(let present) = self { return leaves.isEmpty != present }
        return leaves.contains { matches(leaf: $0) }
    }

    /// Whether one scalar of the event satisfies this alternative.
    func matches(leaf: JSONValue) -> Bool {
        switch self {
        case .equals(let expected):
            return ValueMatcher.equal(expected, leaf)
        case .prefix(let prefix, let ignoringCase):
            guard let text = leaf.stringValue else { return false }
            return (ignoringCase ? text.lowercased() : text).utf8.starts(with: prefix.utf8)
        case .suffix(let suffix, let ignoringCase):
            guard let text = leaf.stringValue else { return false }
            return (ignoringCase ? text.lowercased() : text).utf8.reversed().starts(with: suffix.utf8.reversed())
        case .equalsIgnoreCase(let lowered):
            guard let text = leaf.stringValue else { return false }
            return text.lowercased().utf8.elementsEqual(lowered.utf8)
        case .wildcard(let pattern):
            guard let text = leaf.stringValue else { return false }
            return pattern.matches(text)
        case .numeric(let range):
            guard let number = leaf.numberValue else { return false }
            return range.contains(number)
        case .cidr(let block):
            guard let text = leaf.stringValue, let address = IPAddress(text) else { return false }
            return block.contains(address)
        case .exists(let present):
            // A leaf is there to be looked at, so the field exists.
            return present
        case .anythingBut(let excluded):
            return !excluded.contains { $0.matches(leaf: leaf) }
        }
    }

    /// Equality as EventBridge applies it to exact values: strings byte for byte, numbers by value.
    static func equal(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.string(let lhs), .string(let rhs)): lhs.utf8.elementsEqual(rhs.utf8)
        case (.int(let lhs), .int(let rhs)): lhs == rhs
        case (.int, .double), (.double, .int), (.double, .double): equalNumbers(expected.numberValue, actual.numberValue)
        case (.bool(let lhs), .bool(let rhs)): lhs == rhs
        case (.null, .null): true
        default: false
        }
    }

    /// Numbers within numeric matching's range compare as it does, to six decimal places;
    /// others must be the same `Double`.
    private static func equalNumbers(_ lhs: Double?, _ rhs: Double?) -> Bool {
        guard let lhs, let rhs else { return false }
        if let left = NumericRange.comparable(lhs), let right = NumericRange.comparable(rhs) { return left == right }
        return lhs == rhs
    }
}
