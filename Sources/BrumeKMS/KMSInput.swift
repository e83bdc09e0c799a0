import BrumeWire
import Foundation

/// An operation's JSON input with typed accessors that fail the way KMS does: a missing
/// required member or a broken constraint is ValidationException with AWS's validation message;
/// a member of the wrong JSON type (or a blob that is not base64) is SerializationException.
struct KMSInput: Sendable {
    let fields: JSONObject

    init(_ value: JSONValue) {
        fields = value.objectValue ?? [:]
    }

    func string(_ name: String) throws(KMSError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .serialization(name) }
        return text
    }

    /// A required string; `member` is the lower-camel name AWS's validation message uses.
    func requiredString(_ name: String) throws(KMSError) -> String {
        guard let text = try string(name) else { throw .missing(Self.member(name)) }
        return text
    }

    func bool(_ name: String) throws(KMSError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw .serialization(name) }
        return flag
    }

    func int(_ name: String) throws(KMSError) -> Int64? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue else { throw .serialization(name) }
        return number
    }

    /// An integer member within `range`, with the model's validation message outside it.
    func int(_ name: String, in range: ClosedRange<Int64>) throws(KMSError) -> Int64? {
        guard let value = try int(name) else { return nil }
        if value < range.lowerBound {
            throw .constraint(String(value), at: Self.member(name), "Member must have value greater than or equal to \(range.lowerBound)")
        }
        if value > range.upperBound {
            throw .constraint(String(value), at: Self.member(name), "Member must have value less than or equal to \(range.upperBound)")
        }
        return value
    }

    /// A blob member: base64 on the wire, its length checked against `length`.
    func blob(_ name: String, length: ClosedRange<Int>) throws(KMSError) -> [UInt8]? {
        guard let text = try string(name) else { return nil }
        guard let data = Data(base64Encoded: text) else { throw .serialization(name) }
        if data.count < length.lowerBound {
            throw .constraint(nil, at: Self.member(name), "Member must have length greater than or equal to \(length.lowerBound)")
        }
        if data.count > length.upperBound {
            throw .constraint(nil, at: Self.member(name), "Member must have length less than or equal to \(length.upperBound)")
        }
        return [UInt8](data)
    }

    func requiredBlob(_ name: String, length: ClosedRange<Int>) throws(KMSError) -> [UInt8] {
        guard let bytes = try blob(name, length: length) else { throw .missing(Self.member(name)) }
        return bytes
    }

    /// A string-to-string map (EncryptionContext); absent is empty.
    func stringMap(_ name: String) throws(KMSError) -> [String: String] {
        guard let value = fields[name], !value.isNull else { return [:] }
        guard let object = value.objectValue else { throw .serialization(name) }
        var map: [String: String] = [:]
        for (key, value) in object {
            guard let text = value.stringValue else { throw .serialization(name) }
            map[key] = text
        }
        return map
    }

    func stringList(_ name: String) throws(KMSError) -> [String]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .serialization(name) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw .serialization(name) }
            strings.append(text)
        }
        return strings
    }

    /// A string member that must be one of `values` (an enum of the model).
    func enumeration(_ name: String, _ values: [String]) throws(KMSError) -> String? {
        guard let text = try string(name) else { return nil }
        guard values.contains(text) else {
            throw .constraint(text, at: Self.member(name), "Member must satisfy enum value set: [\(values.joined(separator: ", "))]")
        }
        return text
    }

    /// The `Limit` of a list operation: 1...1000, `defaultValue` when absent.
    func limit(default defaultValue: Int = 100, maximum: Int64 = 1000) throws(KMSError) -> Int {
        Int(try int("Limit", in: 1...maximum) ?? Int64(defaultValue))
    }

    /// The member's name as AWS's validation messages spell it (`KeyId` → `keyId`).
    static func member(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }
}
