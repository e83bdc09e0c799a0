import BrumeWire

extension IntrinsicFunctions {
    /// `States.StringToJson(string)`: the JSON value the string spells.
    static func stringToJson(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        let text = try call.string(0)
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            throw call.invalid
        }
    }

    /// `States.JsonToString(value)`: compact JSON text, object members in their original order.
    static func jsonToString(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(1)
        // The text is a string of the JSON, so at least as long: refuse it before writing it.
        guard !call.arguments[0].serializedLength(exceeds: maximumResultBytes) else { throw resultTooLarge(.jsonToString) }
        return .string(String(decoding: call.arguments[0].serialized, as: UTF8.self))
    }

    /// `States.JsonMerge(left, right, false)`: a shallow merge where `right`'s members replace
    /// `left`'s. The third argument selects deep merging, which AWS does not support, so it must
    /// be `false`.
    static func jsonMerge(_ call: Invocation) throws(StatesError) -> JSONValue {
        try call.expect(3)
        var merged = try call.object(0)
        let right = try call.object(1)
        guard call.arguments[2] == .bool(false) else { throw call.invalid }
        for (key, value) in right { merged[key] = value }
        return .object(merged)
    }
}
