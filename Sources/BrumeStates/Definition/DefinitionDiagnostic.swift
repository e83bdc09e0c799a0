/// One problem found in a state machine definition, shaped like an element of
/// `ValidateStateMachineDefinition`'s `diagnostics` list.
///
/// `location` is a slash path into the definition such as `/States/A/Next` or
/// `/States/P/Branches[0]/States/B`; AWS leaves it out for whole-machine problems such as
/// `MISSING_END_STATE`, and so does Brume.
public struct DefinitionDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious the diagnostic is; only errors stop a definition from being created.
    public enum Severity: String, Sendable, Equatable {
        case error = "ERROR"
        case warning = "WARNING"
    }

    public var severity: Severity
    /// AWS's diagnostic code, e.g. `SCHEMA_VALIDATION_FAILED`.
    public var code: String
    public var message: String
    /// Where the problem is, or nil when it concerns the machine as a whole.
    public var location: String?
    /// Whether AWS would accept this and only Brume refuses it (a feature not implemented yet),
    /// so a service can log it differently from a genuinely invalid definition.
    public var isUnsupportedByBrume: Bool

    public init(severity: Severity = .error, code: String, message: String, location: String?, isUnsupportedByBrume: Bool = false) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.isUnsupportedByBrume = isUnsupportedByBrume
    }

    /// The diagnostic as `CreateStateMachine` quotes it: `CODE: message at location`, with the
    /// literal `null` when there is no location, as AWS writes it.
    public var description: String { "\(code): \(message) at \(location ?? "null")" }
}

/// The diagnostic codes AWS documents for `ValidateStateMachineDefinition` that Brume reports.
public enum DefinitionDiagnosticCode {
    /// The text is not JSON.
    public static let invalidJSONDescription = "INVALID_JSON_DESCRIPTION"
    /// The text is empty.
    public static let missingDescription = "MISSING_DESCRIPTION"
    /// A field is unknown, missing, of the wrong type or out of range.
    public static let schemaValidationFailed = "SCHEMA_VALIDATION_FAILED"
    /// A transition names no state of its container, or a state cannot be reached.
    public static let missingTransitionTarget = "MISSING_TRANSITION_TARGET"
    /// No state ends the workflow.
    public static let missingEndState = "MISSING_END_STATE"
    /// Two states anywhere in the machine share a name.
    public static let duplicateStateName = "DUPLICATE_STATE_NAME"
    /// A state name breaks the naming rules (for example, longer than 80 characters).
    public static let invalidStateName = "INVALID_STATE_NAME"
}

/// A definition `CreateStateMachine` or `UpdateStateMachine` must refuse with `InvalidDefinition`.
public struct DefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every error found, in the order AWS reports them; never empty.
    public var diagnostics: [DefinitionDiagnostic]

    public init(diagnostics: [DefinitionDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The `InvalidDefinition` exception message, e.g.
    /// `Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next'`.
    /// AWS joins several diagnostics with `, ` inside the one pair of quotes.
    public var message: String {
        "Invalid State Machine Definition: '\(diagnostics.map(\.description).joined(separator: ", "))'"
    }

    public var description: String { message }
}

extension DefinitionDiagnostic {
    /// A `SCHEMA_VALIDATION_FAILED` error.
    static func schema(_ message: String, at location: String?) -> DefinitionDiagnostic {
        DefinitionDiagnostic(code: DefinitionDiagnosticCode.schemaValidationFailed, message: message, location: location)
    }

    /// A feature AWS accepts that Brume does not implement yet. It is still reported as
    /// `SCHEMA_VALIDATION_FAILED` so SDKs treat it like any refused definition, but the message
    /// says plainly that the limit is Brume's.
    static func unsupported(_ feature: String, at location: String?) -> DefinitionDiagnostic {
        DefinitionDiagnostic(
            code: DefinitionDiagnosticCode.schemaValidationFailed,
            message: "\(feature) is not supported by Brume yet",
            location: location,
            isUnsupportedByBrume: true
        )
    }
}
