import BrumeWire

/// Turns the JSON text of an event pattern into an ``ObjectPattern``, refusing what PutRule
/// refuses with the reason EventBridge gives.
enum PatternParser {
    static func parse(_ text: String) throws(EventPatternError) -> ObjectPattern {
        let document: JSONValue
        do {
            document = try JSONValue.parse(Array(text.utf8))
        } catch {
            throw EventPatternError(reason: error.description)
        }
        guard case .object(let members) = document else { throw EventPatternError(reason: "Filter is not an object") }
        return try objectPattern(members)
    }

    /// A pattern object: each member is a nested pattern, a list of alternatives, or `$or`.
    static func objectPattern(_ members: JSONObject) throws(EventPatternError) -> ObjectPattern {
        guard !members.isEmpty else { throw EventPatternError(reason: "Empty objects are not allowed") }
        var pattern = ObjectPattern()
        for (name, value) in members {
            switch value {
            case .object(let nested):
                pattern.fields.append(FieldPattern(name: name, condition: .object(try objectPattern(nested))))
            case .array(let elements):
                // `$or` is only the keyword when it lists objects; otherwise it names a field, so
                // events with a member called `$or` can still be matched.
                if name == "$or", !elements.isEmpty, elements.allSatisfy({ $0.objectValue != nil }) {
                    pattern.alternatives.append(try alternatives(elements))
                } else {
                    pattern.fields.append(FieldPattern(name: name, condition: .values(try matchers(elements))))
                }
            default:
                throw EventPatternError(reason: "\"\(name)\" must be an object or an array")
            }
        }
        return pattern
    }

    private static func alternatives(_ elements: [JSONValue]) throws(EventPatternError) -> [ObjectPattern] {
        guard elements.count >= 2 else {
            throw EventPatternError(reason: "There must have at least 2 Objects in $or relationship.")
        }
        var choices: [ObjectPattern] = []
        for case .object(let members) in elements { choices.append(try objectPattern(members)) }
        return choices
    }

    /// The alternatives listed for one field.
    private static func matchers(_ elements: [JSONValue]) throws(EventPatternError) -> [ValueMatcher] {
        var matchers: [ValueMatcher] = []
        for element in elements {
            switch element {
            case .string, .int, .double, .bool, .null:
                matchers.append(.equals(element))
            case .object(let expression):
                matchers.append(try matchExpression(expression))
            case .array:
                throw EventPatternError(reason: "Match value must be String, number, true, false, or null")
            }
        }
        return matchers
    }

    /// A `{"operator": operand}` alternative.
    private static func matchExpression(_ expression: JSONObject) throws(EventPatternError) -> ValueMatcher {
        guard let (keyword, operand) = expression.first(where: { _ in true }) else {
            throw EventPatternError(reason: "Empty objects are not allowed")
        }
        guard expression.count == 1 else { throw EventPatternError(reason: "Only one key allowed in match expression") }
        switch keyword {
        case "prefix":
            return try affix(operand, keyword: keyword) { text, ignoringCase in .prefix(text, ignoringCase: ignoringCase) }
        case "suffix":
            return try affix(operand, keyword: keyword) { text, ignoringCase in .suffix(text, ignoringCase: ignoringCase) }
        case "equals-ignore-case":
            return .equalsIgnoreCase(try string(operand, keyword: keyword).lowercased())
        case "wildcard":
            return .wildcard(try WildcardPattern(string(operand, keyword: keyword)))
        case "numeric":
            return .numeric(try NumericRange(parsing: operand))
        case "cidr":
            let text = try string(operand, keyword: keyword)
            guard let block = CIDRBlock(text) else { throw EventPatternError(reason: "Nonsensical CIDR IP address: \(text)") }
            return .cidr(block)
        case "exists":
            guard let present = operand.boolValue else {
                throw EventPatternError(reason: "exists match pattern must be either true or false.")
            }
            return .exists(present)
        case "anything-but":
            return .anythingBut(try exclusions(operand))
        default:
            throw EventPatternError(reason: "Unrecognized match type \(keyword)")
        }
    }

    /// The operand of `prefix` or `suffix`: a string, or `{"equals-ignore-case": string}`.
    private static func affix(
        _ operand: JSONValue, keyword: String, _ make: (String, Bool) -> ValueMatcher
    ) throws(EventPatternError) -> ValueMatcher {
        if let text = operand.stringValue { return make(text, false) }
        if let object = operand.objectValue, object.count == 1, let text = object["equals-ignore-case"]?.stringValue {
            return make(text.lowercased(), true)
        }
        throw EventPatternError(reason: "\(keyword) match pattern must be a string")
    }

    private static func string(_ operand: JSONValue, keyword: String) throws(EventPatternError) -> String {
        guard let text = operand.stringValue else { throw EventPatternError(reason: "\(keyword) match pattern must be a string") }
        return text
    }

    /// The operand of `anything-but`: a value, a list of strings or of numbers, or one of
    /// `prefix`, `suffix`, `equals-ignore-case` and `wildcard` (the last two also take a list).
    private static func exclusions(_ operand: JSONValue) throws(EventPatternError) -> [ValueMatcher] {
        switch operand {
        case .string, .int, .double:
            return [.equals(operand)]
        case .array(let values):
            let allStrings = values.allSatisfy { $0.stringValue != nil }
            let allNumbers = values.allSatisfy { $0.numberValue != nil }
            guard !values.isEmpty, allStrings || allNumbers else {
                throw EventPatternError(reason: "Inside anything but list, start|null|boolean is not supported.")
            }
            return values.map { .equals($0) }
        case .object(let expression):
            guard expression.count == 1, let (keyword, inner) = expression.first(where: { _ in true }) else {
                throw EventPatternError(reason: "Value of anything-but must be an array or single string/number value.")
            }
            switch keyword {
            case "prefix":
                return [.prefix(try string(inner, keyword: "prefix"), ignoringCase: false)]
            case "suffix":
                return [.suffix(try string(inner, keyword: "suffix"), ignoringCase: false)]
            case "equals-ignore-case":
                return try strings(inner, keyword: keyword).map { .equalsIgnoreCase($0.lowercased()) }
            case "wildcard":
                var patterns: [ValueMatcher] = []
                for text in try strings(inner, keyword: keyword) { patterns.append(.wildcard(try WildcardPattern(text))) }
                return patterns
            default:
                throw EventPatternError(reason: "Unsupported anything-but pattern: \(keyword)")
            }
        default:
            throw EventPatternError(reason: "Value of anything-but must be an array or single string/number value.")
        }
    }

    /// A string or a non-empty list of strings.
    private static func strings(_ operand: JSONValue, keyword: String) throws(EventPatternError) -> [String] {
        if let text = operand.stringValue { return [text] }
        if let values = operand.arrayValue, !values.isEmpty {
            let texts = values.compactMap(\.stringValue)
            if texts.count == values.count { return texts }
        }
        throw EventPatternError(reason: "\(keyword) match pattern must be a string or a list of strings")
    }
}
