public import BrumeWire
import Foundation

/// JSON Schema draft 4 validation, the subset API Gateway's models use: `type`, `properties`,
/// `required`, `additionalProperties`, `items`, `enum`, `minimum`/`maximum` (with the draft 4
/// boolean `exclusive*`), `minLength`/`maxLength`, `pattern`, `minItems`/`maxItems`,
/// `minProperties`/`maxProperties`, `allOf`/`anyOf`/`oneOf`/`not`, and `$ref` to `#/definitions/...`
/// or to another model of the API. Errors are written like the messages of the validator AWS uses.
public enum JSONSchema {
    /// Finds the schema a `$ref` to another document names.
    public struct Resolver {
        var resolve: (String) -> JSONValue?
        public init(_ resolve: @escaping (String) -> JSONValue?) { self.resolve = resolve }
    }

    /// How deep `$ref` chains may go, so a schema referring to itself cannot recurse forever.
    public static let maximumDepth = 64

    /// How many schema checks one validation may make: `anyOf` of `$ref`s to the root could
    /// otherwise grow exponentially with the depth.
    public static let maximumSteps = 100_000

    /// The errors of `value` against `schema` (empty when it is valid); `root` is the document
    /// `#/...` references resolve in. A schema too complex to finish within ``maximumSteps``
    /// checks is an error too.
    public static func validate(_ value: JSONValue, against schema: JSONValue, root: JSONValue, resolver: Resolver) -> [String] {
        let budget = Budget()
        let errors = validate(value, against: schema, root: root, resolver: resolver, depth: 0, budget: budget)
        return budget.remaining < 0 ? ["the schema is too complex to validate against"] : errors
    }

    private final class Budget {
        var remaining = JSONSchema.maximumSteps
    }

    private static func validate(
        _ value: JSONValue, against schema: JSONValue, root: JSONValue, resolver: Resolver, depth: Int, budget: Budget
    ) -> [String] {
        budget.remaining -= 1
        guard budget.remaining >= 0, depth < maximumDepth, let rules = schema.objectValue else { return [] }
        if let reference = rules["$ref"]?.stringValue {
            if reference.hasPrefix("#/") {
                var target: JSONValue? = root
                for part in reference.dropFirst(2).split(separator: "/") {
                    target = target?[String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
                }
                guard let target else { return [] }
                return validate(value, against: target, root: root, resolver: resolver, depth: depth + 1, budget: budget)
            }
            guard let target = resolver.resolve(reference) else { return [] }
            return validate(value, against: target, root: target, resolver: resolver, depth: depth + 1, budget: budget)
        }
        var errors: [String] = []
        if let type = rules["type"] {
            let allowed = (type.arrayValue ?? [type]).compactMap(\.stringValue)
            if !allowed.isEmpty, !allowed.contains(where: { matches(value, type: $0) }) {
                errors.append("instance type (\(typeName(value))) does not match any allowed primitive type (allowed: [\(allowed.map { "\"\($0)\"" }.joined(separator: ","))])")
                return errors
            }
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            errors.append("instance value (\(String(decoding: value.serialized, as: UTF8.self))) not found in enum")
        }
        switch value {
        case .object(let members):
            for name in (rules["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[name] == nil {
                errors.append("object has missing required properties ([\"\(name)\"])")
            }
            let properties = rules["properties"]?.objectValue ?? [:]
            for (name, member) in members {
                if let propertySchema = properties[name] {
                    errors += validate(member, against: propertySchema, root: root, resolver: resolver, depth: depth + 1, budget: budget)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("object instance has properties which are not allowed by the schema: [\"\(name)\"]")
                    } else if additional.objectValue != nil {
                        errors += validate(member, against: additional, root: root, resolver: resolver, depth: depth + 1, budget: budget)
                    }
                }
            }
            if let minimum = rules["minProperties"]?.intValue, members.count < minimum {
                errors.append("object has too few properties (found \(members.count), minimum \(minimum))")
            }
            if let maximum = rules["maxProperties"]?.intValue, members.count > maximum {
                errors.append("object has too many properties (found \(members.count), maximum \(maximum))")
            }
        case .array(let elements):
            if let items = rules["items"] {
                if let list = items.arrayValue {
                    for (element, itemSchema) in zip(elements, list) {
                        errors += validate(element, against: itemSchema, root: root, resolver: resolver, depth: depth + 1, budget: budget)
                    }
                } else {
                    for element in elements { errors += validate(element, against: items, root: root, resolver: resolver, depth: depth + 1, budget: budget) }
                }
            }
            if let minimum = rules["minItems"]?.intValue, elements.count < minimum {
                errors.append("array is too short: must have at least \(minimum) elements but instance has \(elements.count) elements")
            }
            if let maximum = rules["maxItems"]?.intValue, elements.count > maximum {
                errors.append("array is too long: must have at most \(maximum) elements but instance has \(elements.count) elements")
            }
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum = rules["minLength"]?.intValue, length < minimum {
                errors.append("string \"\(text)\" is too short (length: \(length), required minimum: \(minimum))")
            }
            if let maximum = rules["maxLength"]?.intValue, length > maximum {
                errors.append("string \"\(text)\" is too long (length: \(length), maximum allowed: \(maximum))")
            }
            if let pattern = rules["pattern"]?.stringValue, let regex = try? NSRegularExpression(pattern: pattern),
               regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                errors.append("ECMA 262 regex \"\(pattern)\" does not match input string \"\(text)\"")
            }
        case .int, .double:
            let number = number(value) ?? 0
            if let minimum = rules["minimum"].flatMap(self.number) {
                let exclusive = rules["exclusiveMinimum"]?.boolValue ?? false
                if exclusive ? number <= minimum : number < minimum {
                    errors.append("numeric instance is lower than the required minimum (minimum: \(format(minimum)), found: \(format(number)))")
                }
            }
            if let maximum = rules["maximum"].flatMap(self.number) {
                let exclusive = rules["exclusiveMaximum"]?.boolValue ?? false
                if exclusive ? number >= maximum : number > maximum {
                    errors.append("numeric instance is greater than the required maximum (maximum: \(format(maximum)), found: \(format(number)))")
                }
            }
        default:
            break
        }
        for sub in rules["allOf"]?.arrayValue ?? [] {
            errors += validate(value, against: sub, root: root, resolver: resolver, depth: depth + 1, budget: budget)
        }
        if let options = rules["anyOf"]?.arrayValue,
           !options.contains(where: { validate(value, against: $0, root: root, resolver: resolver, depth: depth + 1, budget: budget).isEmpty }) {
            errors.append("instance failed to match at least one required schema among \(options.count)")
        }
        if let options = rules["oneOf"]?.arrayValue {
            let matched = options.filter { validate(value, against: $0, root: root, resolver: resolver, depth: depth + 1, budget: budget).isEmpty }.count
            if matched != 1 { errors.append("instance failed to match exactly one schema (matched \(matched) out of \(options.count))") }
        }
        if let not = rules["not"], validate(value, against: not, root: root, resolver: resolver, depth: depth + 1, budget: budget).isEmpty {
            errors.append("instance matched a schema which it should not have")
        }
        return errors
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("integer", .int): true
        case ("integer", .double(let number)): number.rounded() == number
        case ("number", .int), ("number", .double): true
        default: false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .bool: "boolean"
        case .null: "null"
        case .int: "integer"
        case .double: "number"
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        return lhs == rhs
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
