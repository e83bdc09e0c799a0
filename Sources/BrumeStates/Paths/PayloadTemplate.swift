import BrumeWire

/// Evaluates a payload template: the JSON of `Parameters`, `ItemSelector` and `ResultSelector`.
///
/// The template is copied as is, except that a member whose key ends in `.$` takes its value
/// from its string: a path (`$.a`, `$$.Execution.Id`, `$name.a`) resolved in the scope, or an
/// intrinsic function call (`States.Format(...)`). The output key drops the `.$`. Objects nested
/// in objects or arrays are processed the same way.
enum PayloadTemplate {
    /// The signature of the intrinsic-function evaluator the interpreter supplies.
    typealias Intrinsic = (String, PathScope) throws(StatesError) -> JSONValue

    /// Builds the payload from `template` against `scope`.
    ///
    /// - Throws: `States.Runtime` when a definite path does not resolve, with AWS's cause
    ///   (`The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input
    ///   '{"a":1}'`); the interpreter prefixes it with `An error occurred while executing the
    ///   state '<name>' (entered at the event id #<id>). `. Intrinsic failures pass through.
    static func evaluate(_ template: JSONValue, in scope: PathScope, intrinsic: Intrinsic) throws(StatesError) -> JSONValue {
        switch template {
        case .object(let object):
            var output = JSONObject()
            for (key, value) in object {
                if key.hasSuffix(".$") {
                    output[String(key.dropLast(2))] = try resolve(value, field: key, in: scope, intrinsic: intrinsic)
                } else {
                    output[key] = try evaluate(value, in: scope, intrinsic: intrinsic)
                }
            }
            return .object(output)
        case .array(let elements):
            var output: [JSONValue] = []
            output.reserveCapacity(elements.count)
            for element in elements { output.append(try evaluate(element, in: scope, intrinsic: intrinsic)) }
            return .array(output)
        default:
            return template
        }
    }

    /// The definition errors in `template`, one sentence each, for the validator.
    ///
    /// A `.$` member whose value is not a string, or whose string is neither a JSONPath nor an
    /// intrinsic call, is reported with AWS's wording (`The value for the field 'x.$' must be
    /// a valid JSONPath or a valid intrinsic function call`). Intrinsic arguments are checked by
    /// the intrinsic parser, not here.
    static func validate(_ template: JSONValue) -> [String] {
        var problems: [String] = []
        collectProblems(in: template, into: &problems)
        return problems
    }

    private static func collectProblems(in template: JSONValue, into problems: inout [String]) {
        switch template {
        case .object(let object):
            for (key, value) in object {
                guard key.hasSuffix(".$") else {
                    collectProblems(in: value, into: &problems)
                    continue
                }
                if case .string(let expression) = value, isValidExpression(expression) { continue }
                problems.append("The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call")
            }
        case .array(let elements):
            for element in elements { collectProblems(in: element, into: &problems) }
        default:
            break
        }
    }

    private static func isValidExpression(_ expression: String) -> Bool {
        if isIntrinsic(expression) { return true }
        return (try? JSONPath(expression)) != nil
    }

    /// Whether a `.$` value is an intrinsic call rather than a path.
    static func isIntrinsic(_ expression: String) -> Bool { expression.hasPrefix("States.") }

    private static func resolve(
        _ value: JSONValue, field: String, in scope: PathScope, intrinsic: Intrinsic
    ) throws(StatesError) -> JSONValue {
        guard case .string(let expression) = value else {
            // Validation refuses this; reaching it means the definition skipped validation.
            throw .runtime("The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call")
        }
        if isIntrinsic(expression) { return try intrinsic(expression, scope) }
        return try JSONPath.value(
            of: expression, in: scope,
            invalid: { _ in .runtime("The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call") },
            missing: { path, _ in
                // AWS quotes the document the path was applied to: the input for `$`, and (by the
                // same pattern, not confirmed) the Context object or the variable's value otherwise.
                let document = (try? path.document(in: scope)).map { String(decoding: $0.serialized, as: UTF8.self) } ?? "null"
                return .runtime("The JSONPath '\(expression)' specified for the field '\(field)' could not be found in the input '\(document)'")
            }
        )
    }
}
