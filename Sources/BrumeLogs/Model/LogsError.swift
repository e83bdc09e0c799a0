import BrumeWire

/// An error CloudWatch Logs reports, one case per error shape of the model that Brume raises.
///
/// Every one is a client error (HTTP 400) whose `__type` is the plain shape name, as CloudWatch
/// Logs sends it, with the message text AWS sends.
enum LogsError: Error, Equatable, Sendable {
    /// No log group (or stream) by that name; carries the full message.
    case resourceNotFound(String)
    /// A log group or stream of that name exists; carries the full message.
    case resourceAlreadyExists(String)
    /// A request that breaks a rule of the model or of the service; carries the full message.
    case invalidParameter(String)
    /// TagResource would leave more than 50 tags on the resource.
    case tooManyTags
    /// A member whose JSON type is not the model's; carries the member name.
    case serialization(String)
    /// An operation of the model Brume does not implement; carries its name.
    case notImplemented(String)
    /// Storage failed; the service's fault; carries the reason for the log.
    case storage(String)

    static let groupNotFound = LogsError.resourceNotFound("The specified log group does not exist.")
    static let streamNotFound = LogsError.resourceNotFound("The specified log stream does not exist.")
    static let groupExists = LogsError.resourceAlreadyExists("The specified log group already exists")
    static let streamExists = LogsError.resourceAlreadyExists("The specified log stream already exists")
    static let invalidToken = LogsError.invalidParameter("The specified nextToken is invalid.")

    /// The message of AWS's request validation, which CloudWatch Logs sends as
    /// InvalidParameterException: `1 validation error detected: Value '…' at '…' failed to
    /// satisfy constraint: …`.
    static func constraint(_ value: String?, at member: String, _ rule: String) -> LogsError {
        let shown = value.map { "Value '\($0)'" } ?? "Value null"
        return .invalidParameter("1 validation error detected: \(shown) at '\(member)' failed to satisfy constraint: \(rule)")
    }
}

extension LogsError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .resourceNotFound(let message): AWSError(code: "ResourceNotFoundException", message: message, status: 400)
        case .resourceAlreadyExists(let message): AWSError(code: "ResourceAlreadyExistsException", message: message, status: 400)
        case .invalidParameter(let message): AWSError(code: "InvalidParameterException", message: message, status: 400)
        case .tooManyTags: AWSError(code: "TooManyTagsException", message: "A resource can have no more than 50 tags.", status: 400)
        case .serialization(let member):
            AWSError(code: "SerializationException", message: "Unexpected JSON type for member '\(member)'.", status: 400)
        case .notImplemented(let operation):
            AWSError(code: "UnknownOperationException", message: "\(operation) is not implemented by Brume yet.", status: 400)
        // Logs' model names ServiceUnavailableException for a request the service cannot complete.
        case .storage: AWSError(code: "ServiceUnavailableException", message: "The service cannot complete the request.", status: 500)
        }
    }
}
