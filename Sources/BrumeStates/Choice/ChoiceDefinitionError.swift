/// Why a Choice state's rules are not a valid definition, as `CreateStateMachine` and
/// `ValidateStateMachineDefinition` report it.
///
/// AWS words these as `SCHEMA_VALIDATION_FAILED: <reason> at <path>`, where the path is a slash
/// path into the definition, with array elements written `[index]` as the rest of the definition
/// parser writes them (`/States/Decide/Choices[0]/NumericEquals`). ``diagnostic`` turns it into
/// the module's ``DefinitionDiagnostic``, which `InvalidDefinition` quotes.
struct ChoiceDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// AWS's validation code; always `SCHEMA_VALIDATION_FAILED` for rule shape problems.
    var code: String
    /// The sentence AWS gives, without code or path.
    var reason: String
    /// The slash path of the offending field or rule.
    var path: String

    init(_ reason: String, at path: String, code: String = "SCHEMA_VALIDATION_FAILED") {
        self.code = code
        self.reason = reason
        self.path = path
    }

    /// The diagnostic as AWS prints it.
    var message: String { "\(code): \(reason) at \(path)" }

    var description: String { message }
}

extension ChoiceDefinitionError {
    /// The same problem as an element of a ``DefinitionError``.
    var diagnostic: DefinitionDiagnostic {
        DefinitionDiagnostic(code: code, message: reason, location: path)
    }

    /// A field the rule needs is absent: AWS lists the missing names.
    static func required(_ fields: [String], at path: String) -> Self {
        Self("These fields are required: [\(fields.joined(separator: ", "))]", at: path)
    }

    /// A field the rule may not have here (e.g. `Next` inside `And`), reported at the object.
    static func unsupported(_ field: String, at path: String) -> Self {
        Self("Field '\(field)' is not supported", at: path)
    }

    /// A JSONata-only field (`Condition`, `Output`) in a JSONPath state.
    static func jsonataOnly(_ field: String, at path: String) -> Self {
        Self("The QueryLanguage is set to 'JSONPath', but field '\(field)' is only supported for the 'JSONata' QueryLanguage", at: path)
    }

    /// An array that must have elements is empty; reported at the array.
    static func empty(at path: String) -> Self {
        Self("Minimum number of items is 1", at: path)
    }

    /// Fields that exclude each other appear together.
    static func exclusive(_ fields: [String], at path: String) -> Self {
        Self("There should only be one of the following fields: [\(fields.joined(separator: ", "))]", at: path)
    }

    /// A value has the wrong JSON type (`String`, `Number`, `Boolean`, `Object`, `Array`);
    /// reported at the value.
    static func wrongType(_ type: String, at path: String) -> Self {
        Self("Expected value of type: \(type)", at: path)
    }
}
