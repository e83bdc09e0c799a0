import BrumeWire
import Foundation

/// An operation's input, decoded from either protocol into the JSON protocol's form, with typed
/// accessors that fail the way SQS does (MissingParameter, InvalidParameterValue).
struct SQSInput: Sendable {
    let fields: JSONObject

    init(_ value: JSONValue) {
        fields = value.objectValue ?? [:]
    }

    init(fields: JSONObject) {
        self.fields = fields
    }

    func has(_ name: String) -> Bool {
        guard let value = fields[name] else { return false }
        return !value.isNull
    }

    func string(_ name: String) throws(SQSError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Self.invalid(name, value) }
        return text
    }

    func requiredString(_ name: String) throws(SQSError) -> String {
        guard let text = try string(name) else { throw .missingParameter(name) }
        return text
    }

    /// An integer parameter within `range`, else InvalidParameterValue naming the range as SQS does.
    func integer(_ name: String, in range: ClosedRange<Int>? = nil) throws(SQSError) -> Int? {
        guard let value = fields[name], !value.isNull else { return nil }
        let number: Int?
        switch value {
        case .string(let text): number = Int(text)
        default: number = value.intValue.flatMap { Int(exactly: $0) }
        }
        guard let number else { throw Self.invalid(name, value) }
        if let range, !range.contains(number) {
            throw .invalidParameterValue(
                "Value \(number) for parameter \(name) is invalid. Reason: Must be between \(range.lowerBound) and \(range.upperBound), if provided."
            )
        }
        return number
    }

    func stringList(_ name: String) throws(SQSError) -> [String] {
        guard let value = fields[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Self.invalid(name, value) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw Self.invalid(name, item) }
            strings.append(text)
        }
        return strings
    }

    func stringMap(_ name: String) throws(SQSError) -> [String: String] {
        guard let value = fields[name], !value.isNull else { return [:] }
        guard let object = value.objectValue else { throw Self.invalid(name, value) }
        var map: [String: String] = [:]
        for (key, item) in object {
            guard let text = item.stringValue else { throw Self.invalid("\(name).\(key)", item) }
            map[key] = text
        }
        return map
    }

    /// A list of structures, such as a batch's entries.
    func entries(_ name: String) throws(SQSError) -> [SQSInput] {
        guard let value = fields[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Self.invalid(name, value) }
        return items.map(SQSInput.init)
    }

    /// A message attribute map (`MessageAttributes`, `MessageSystemAttributes`).
    func messageAttributes(_ name: String) throws(SQSError) -> [String: MessageAttributeValue] {
        guard let value = fields[name], !value.isNull else { return [:] }
        do {
            return try MessageAttributeValue.map(from: value)
        } catch {
            throw error
        }
    }

    private static func invalid(_ name: String, _ value: JSONValue) -> SQSError {
        let text = value.stringValue ?? String(decoding: value.serialized, as: UTF8.self)
        return .invalidParameterValue("Value \(text) for parameter \(name) is invalid.")
    }
}

extension MessageAttributeValue {
    /// The wire (and storage) form of an attribute map: `{name: {DataType, StringValue | BinaryValue}}`.
    static func json(_ attributes: [String: MessageAttributeValue]) -> JSONValue {
        .object(JSONObject(attributes.mapValues { value in
            var fields: JSONObject = ["DataType": .string(value.dataType)]
            if let string = value.stringValue { fields["StringValue"] = .string(string) }
            if let binary = value.binaryValue { fields["BinaryValue"] = .string(Data(binary).base64EncodedString()) }
            return .object(fields)
        }))
    }

    /// Decodes an attribute map; a binary value that is not base64 is InvalidParameterValue.
    static func map(from value: JSONValue) throws(SQSError) -> [String: MessageAttributeValue] {
        guard let object = value.objectValue else {
            throw .invalidParameterValue("The message attributes are not a map.")
        }
        var attributes: [String: MessageAttributeValue] = [:]
        for (name, item) in object {
            let fields = SQSInput(item)
            guard let dataType = try fields.string("DataType") else {
                throw .invalidParameterValue("The message attribute '\(name)' must contain non-empty message attribute type.")
            }
            var binary: [UInt8]?
            if let encoded = try fields.string("BinaryValue") {
                guard let data = Data(base64Encoded: encoded) else {
                    throw .invalidParameterValue("The message attribute '\(name)' has an invalid binary value.")
                }
                binary = Array(data)
            }
            attributes[name] = MessageAttributeValue(dataType: dataType, stringValue: try fields.string("StringValue"), binaryValue: binary)
        }
        return attributes
    }
}
