/// A JSON document held as a tree, as the JSON protocols carry it and as the query protocol is
/// translated into.
///
/// Numbers keep the distinction the wire makes: an integral literal without fraction or exponent
/// that fits in `Int64` is ``int(_:)``; every other number is ``double(_:)``. So `1` and `1.0`
/// are different values, and a 20-digit id does not silently lose precision as an integer.
///
/// ```swift
/// let request = try JSONValue.parse(Array(#"{"QueueUrl":"http://q","MaxNumberOfMessages":10}"#.utf8))
/// request["MaxNumberOfMessages"]?.intValue // 10
/// ```
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integral literal without fraction or exponent that fits `Int64`.
    case int(Int64)
    /// Any other number.
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// The members in the order they were written.
    case object(JSONObject)
}

// MARK: - Accessors

extension JSONValue {
    /// The member named `key`, or nil when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The value of an integer, or of a double that is integral and fits `Int64`.
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The value of a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The elements of an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The members of an object, in order.
    public var objectValue: JSONObject? {
        if case .object(let members) = self { members } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Builds an object in the literal's order; a repeated key keeps its last value, as parsing does.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(literal: elements))
    }
}

// MARK: - Errors

/// Why a byte sequence is not a JSON document.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of malformed input, so callers and tests can tell them apart without parsing
    /// the message.
    public enum Reason: Sendable, Equatable {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue a value here.
        case unexpectedByte
        /// Something other than whitespace follows the document.
        case trailingData
        /// A number that breaks the grammar, including a leading zero such as `01`.
        case invalidNumber
        /// A backslash escape that is not one of the nine JSON allows, or a bad `\u` escape.
        case invalidEscape
        /// A `\u` escape for a UTF-16 surrogate that is not part of a high-low pair.
        case loneSurrogate
        /// Bytes in a string that are not well-formed UTF-8.
        case invalidUTF8
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacter
        /// Arrays and objects nested deeper than ``JSONValue/maximumDepth``.
        case tooDeep
    }

    /// What is wrong.
    public var reason: Reason
    /// A sentence for a human, e.g. in a `SerializationException` message.
    public var message: String
    /// The offset of the offending byte from the start of the input.
    public var offset: Int

    public init(_ reason: Reason, _ message: String, offset: Int) {
        self.reason = reason
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}
