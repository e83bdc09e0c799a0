import BrumeWire

/// An operation's JSON input with typed accessors that fail the way Step Functions does.
struct StepFunctionsInput: Sendable {
    let fields: JSONObject

    init(_ value: JSONValue) {
        fields = value.objectValue ?? [:]
    }

    func string(_ name: String) throws(StepFunctionsError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Self.serialization(name) }
        return text
    }

    /// A required member; missing, it is the ValidationException AWS's model validation sends.
    func requiredString(_ name: String) throws(StepFunctionsError) -> String {
        guard let text = try string(name) else {
            throw .validation("1 validation error detected: Value null at '\(name)' failed to satisfy constraint: Member must not be null")
        }
        return text
    }

    func bool(_ name: String) throws(StepFunctionsError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw Self.serialization(name) }
        return flag
    }

    func int(_ name: String) throws(StepFunctionsError) -> Int64? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue else { throw Self.serialization(name) }
        return number
    }

    func double(_ name: String) throws(StepFunctionsError) -> Double? {
        guard let value = fields[name], !value.isNull else { return nil }
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw Self.serialization(name)
        }
    }

    /// A page size: 0 or absent means the default; above `maximum` is a ValidationException.
    func pageSize(_ name: String = "maxResults", maximum: Int = 1000, default defaultSize: Int = 100) throws(StepFunctionsError) -> Int {
        guard let value = fields[name], !value.isNull else { return defaultSize }
        guard let number = value.intValue else { throw Self.serialization(name) }
        guard (0...Int64(maximum)).contains(number) else {
            throw .validation(
                "1 validation error detected: Value '\(number)' at '\(name)' failed to satisfy constraint: Member must have value less than or equal to \(maximum)"
            )
        }
        return number == 0 ? defaultSize : Int(number)
    }

    func object(_ name: String) throws(StepFunctionsError) -> JSONObject? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw Self.serialization(name) }
        return object
    }

    /// A `TagList`: `[{key, value}]`.
    func tags(_ name: String = "tags") throws(StepFunctionsError) -> [Tag] {
        guard let value = fields[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Self.serialization(name) }
        var tags: [Tag] = []
        for item in items {
            guard let key = item["key"]?.stringValue else { throw Self.serialization(name) }
            tags.append(Tag(key: key, value: item["value"]?.stringValue ?? ""))
        }
        return tags
    }

    func stringList(_ name: String) throws(StepFunctionsError) -> [String] {
        guard let value = fields[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Self.serialization(name) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw Self.serialization(name) }
            strings.append(text)
        }
        return strings
    }

    private static func serialization(_ name: String) -> StepFunctionsError {
        .validation("1 validation error detected: Value at '\(name)' has the wrong type")
    }
}

/// Opaque pagination tokens: the offset of the next item, in base64.
enum PageToken {
    static func make(offset: Int) -> String {
        Array("brume:\(offset)".utf8).base64
    }

    static func offset(_ token: String?) throws(StepFunctionsError) -> Int {
        guard let token else { return 0 }
        guard let bytes = [UInt8](base64: token), let text = String(validating: bytes, as: UTF8.self),
              text.hasPrefix("brume:"), let offset = Int(text.dropFirst(6)), offset >= 0 else {
            throw .invalidToken(token)
        }
        return offset
    }

    /// One page of `items` from `token`, and the token of the next page if any.
    static func page<T>(_ items: [T], token: String?, size: Int) throws(StepFunctionsError) -> ([T], String?) {
        let start = try offset(token)
        guard start <= items.count else { throw .invalidToken(token ?? "") }
        let end = min(items.count, start + size)
        return (Array(items[start..<end]), end < items.count ? make(offset: end) : nil)
    }
}

import Foundation

extension Array where Element == UInt8 {
    var base64: String { Data(self).base64EncodedString() }

    init?(base64 text: String) {
        guard let data = Data(base64Encoded: text) else { return nil }
        self = Array(data)
    }
}
