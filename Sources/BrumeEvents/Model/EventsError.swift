import BrumeWire

/// An error EventBridge reports, one case per error shape of the model that Brume raises.
///
/// Client errors are HTTP 400 with the plain shape name as `__type`, as EventBridge sends them.
enum EventsError: Error, Equatable, Sendable {
    /// No rule, bus or target by that name; carries the full message.
    case resourceNotFound(String)
    /// An event bus of that name exists; carries the full message.
    case resourceAlreadyExists(String)
    /// A request that breaks a rule of the model or of the service; carries the full message.
    case validation(String)
    /// An event pattern that does not parse or breaks a pattern rule; carries the full message.
    case invalidEventPattern(String)
    /// A quota (five targets a rule) would be exceeded; carries the full message.
    case limitExceeded(String)
    /// A member whose JSON type is not the model's; carries the member name.
    case serialization(String)
    /// An operation of the model Brume does not implement; carries its name.
    case notImplemented(String)

    /// AWS's request validation message: `1 validation error detected: Value '…' at '…' failed
    /// to satisfy constraint: …`.
    static func constraint(_ value: String?, at member: String, _ rule: String) -> EventsError {
        let shown = value.map { "Value '\($0)'" } ?? "Value null"
        return .validation("1 validation error detected: \(shown) at '\(member)' failed to satisfy constraint: \(rule)")
    }

    static func ruleNotFound(_ name: String, bus: String) -> EventsError {
        .resourceNotFound("Rule \(name) does not exist on EventBus \(bus).")
    }

    static func busNotFound(_ name: String) -> EventsError {
        .resourceNotFound("Event bus \(name) does not exist.")
    }

    static let invalidToken = EventsError.validation("The nextToken provided is invalid.")
}

extension EventsError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .resourceNotFound(let message): AWSError(code: "ResourceNotFoundException", message: message, status: 400)
        case .resourceAlreadyExists(let message): AWSError(code: "ResourceAlreadyExistsException", message: message, status: 400)
        case .validation(let message): AWSError(code: "ValidationException", message: message, status: 400)
        case .invalidEventPattern(let message): AWSError(code: "InvalidEventPatternException", message: message, status: 400)
        case .limitExceeded(let message): AWSError(code: "LimitExceededException", message: message, status: 400)
        case .serialization(let member):
            AWSError(code: "SerializationException", message: "Unexpected JSON type for member '\(member)'.", status: 400)
        case .notImplemented(let operation):
            AWSError(code: "UnknownOperationException", message: "\(operation) is not implemented by Brume yet.", status: 400)
        }
    }
}
