import BrumeWire

/// Reads typed fields out of definition JSON, recording a diagnostic for each problem instead of
/// stopping, so one call reports every error as `ValidateStateMachineDefinition` does.
///
/// Locations are slash paths: `at` is the containing object's location, and a field's own
/// location is `at + "/" + key`. Unknown and missing fields are reported at the containing
/// object, as AWS does (`Field 'TimeoutSeconds' is not supported` at `/States/M`).
struct DefinitionReader {
    var diagnostics: [DefinitionDiagnostic] = []

    /// The largest integer AWS accepts for seconds and attempts fields.
    static let maximumInteger: Int64 = 99_999_999

    mutating func report(_ diagnostic: DefinitionDiagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func fail(_ message: String, at location: String?) {
        report(.schema(message, at: location))
    }

    // MARK: - Field sets

    /// Reports each member of `object` that is not in `allowed`. Fields of the JSONata dialect get
    /// a message naming the query language instead, since they are valid ASL, just not here.
    mutating func checkFields(_ object: JSONObject, allowed: Set<String>, at location: String) {
        for key in object.keys where !allowed.contains(key) {
            if Self.jsonataOnlyFields.contains(key) {
                fail("The QueryLanguage is set to 'JSONPath', but field '\(key)' is only supported for the 'JSONata' QueryLanguage", at: location)
            } else {
                fail("Field '\(key)' is not supported", at: location)
            }
        }
    }

    /// Fields only JSONata states have.
    static let jsonataOnlyFields: Set<String> = ["Arguments", "Output", "Items"]

    /// Reports the `names` absent from `object` in one diagnostic; true when all are present.
    @discardableResult
    mutating func require(_ names: [String], in object: JSONObject, at location: String) -> Bool {
        let missing = names.filter { object[$0] == nil }
        if !missing.isEmpty { fail("These fields are required: [\(missing.joined(separator: ", "))]", at: location) }
        return missing.isEmpty
    }

    /// Reports when more than one of `names` is present; true when at most one is.
    @discardableResult
    mutating func exclusive(_ names: [String], in object: JSONObject, at location: String) -> Bool {
        guard names.filter({ object[$0] != nil }).count > 1 else { return true }
        fail("There should only be one of the following fields: [\(names.joined(separator: ", "))]", at: location)
        return false
    }

    // MARK: - Typed fields

    mutating func string(_ key: String, in object: JSONObject, at location: String) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else { return typeMismatch(key, "String", at: location) }
        return text
    }

    mutating func bool(_ key: String, in object: JSONObject, at location: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else { return typeMismatch(key, "Boolean", at: location) }
        return flag
    }

    mutating func object(_ key: String, in object: JSONObject, at location: String) -> JSONObject? {
        guard let value = object[key] else { return nil }
        guard case .object(let members) = value else { return typeMismatch(key, "Object", at: location) }
        return members
    }

    mutating func array(_ key: String, in object: JSONObject, at location: String, nonEmpty: Bool = false) -> [JSONValue]? {
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else { return typeMismatch(key, "Array", at: location) }
        if nonEmpty, elements.isEmpty {
            fail("Minimum number of items is 1", at: "\(location)/\(key)")
            return nil
        }
        return elements
    }

    /// An integer in `minimum...maximum`; integral doubles such as `5.0` are accepted as AWS's
    /// JSON reader does.
    mutating func integer(_ key: String, in object: JSONObject, at location: String, minimum: Int64, maximum: Int64 = maximumInteger) -> Int64? {
        guard let value = object[key] else { return nil }
        guard let number = value.intValue else { return typeMismatch(key, "Integer", at: location) }
        if number < minimum { fail("Minimum value is \(minimum)", at: "\(location)/\(key)"); return nil }
        if number > maximum { fail("Maximum value is \(maximum)", at: "\(location)/\(key)"); return nil }
        return number
    }

    mutating func number(_ key: String, in object: JSONObject, at location: String, minimum: Double, maximum: Double? = nil) -> Double? {
        guard let value = object[key] else { return nil }
        let number: Double
        switch value {
        case .int(let integer): number = Double(integer)
        case .double(let double): number = double
        default: return typeMismatch(key, "Number", at: location)
        }
        if number < minimum { fail("Minimum value is \(minimum)", at: "\(location)/\(key)"); return nil }
        if let maximum, number > maximum { fail("Maximum value is \(maximum)", at: "\(location)/\(key)"); return nil }
        return number
    }

    private mutating func typeMismatch<T>(_ key: String, _ type: String, at location: String) -> T? {
        fail("Expected value of type: \(type)", at: "\(location)/\(key)")
        return nil
    }

    // MARK: - Paths and templates

    /// `InputPath`, `OutputPath` or `ResultPath`: absent (`nil`), `null` (`.some(nil)`), or a
    /// string that must be a JSONPath. Full path syntax is checked by the path evaluator.
    mutating func nullablePath(_ key: String, in object: JSONObject, at location: String) -> String?? {
        guard let value = object[key] else { return nil }
        if value.isNull { return .some(nil) }
        guard let path = string(key, in: object, at: location) else { return nil }
        guard path.hasPrefix("$") else {
            fail("The value for the field '\(key)' must be a valid JSONPath", at: "\(location)/\(key)")
            return nil
        }
        return .some(path)
    }

    /// A `...Path` field that must be a Reference Path (`$...`), such as `SecondsPath`.
    mutating func referencePath(_ key: String, in object: JSONObject, at location: String, allowsIntrinsic: Bool = false) -> String? {
        guard let path = string(key, in: object, at: location) else { return nil }
        let valid = path.hasPrefix("States.") ? allowsIntrinsic && Self.isPathOrIntrinsic(path) : path.hasPrefix("$")
        guard valid else { fail("Value is not a Reference Path", at: "\(location)/\(key)"); return nil }
        return path
    }

    /// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`,
    /// `Credentials`): an object whose `.$` fields, at any depth, hold a path or an intrinsic
    /// function call. AWS reports a bad one at the template's own location.
    mutating func template(_ key: String, in object: JSONObject, at location: String) -> JSONValue? {
        guard let members = self.object(key, in: object, at: location) else { return nil }
        let valid = checkTemplate(.object(members), at: "\(location)/\(key)")
        return valid ? .object(members) : nil
    }

    private mutating func checkTemplate(_ value: JSONValue, at location: String) -> Bool {
        switch value {
        case .object(let members):
            var valid = true
            for (key, member) in members {
                if key.hasSuffix(".$") {
                    let text = member.stringValue ?? ""
                    if !Self.isPathOrIntrinsic(text) {
                        fail("The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call", at: location)
                        valid = false
                    }
                } else if !checkTemplate(member, at: location) {
                    valid = false
                }
            }
            return valid
        case .array(let elements):
            return elements.reduce(true) { valid, element in checkTemplate(element, at: location) && valid }
        default:
            return true
        }
    }

    /// Whether a `.$` value is a JSONPath or a call of a known intrinsic function with
    /// well-formed arguments: AWS checks both when the state machine is created
    /// (`States.format(...)`, with a lower-case f, is refused then, not when it runs).
    static func isPathOrIntrinsic(_ text: String) -> Bool {
        if text.hasPrefix("States.") { return (try? IntrinsicFunctions.validate(text)) != nil }
        return text.hasPrefix("$") && (try? JSONPath(text)) != nil
    }
}
