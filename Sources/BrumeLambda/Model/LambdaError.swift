import BrumeWire

/// An error the Lambda API reports, one case per error shape Brume raises, with AWS's status
/// and message text.
enum LambdaError: Error, Equatable, Sendable {
    /// No function, version or alias by that name; carries the ARN AWS names in the message.
    case functionNotFound(String)
    /// A resource other than a function (an event source mapping, a concurrency setting) is
    /// missing; carries the full message.
    case resourceNotFound(String)
    /// The resource exists already or is being changed; carries the full message.
    case resourceConflict(String)
    /// A `RevisionId` that is not the current one; carries the full message.
    case preconditionFailed(String)
    /// A parameter AWS's service logic refuses; carries the full message.
    case invalidParameterValue(String)
    /// A request that breaks a constraint of the model (pattern, range, required member);
    /// carries the full message.
    case validation(String)
    /// The request body is not the JSON the operation expects; carries the full message.
    case invalidRequestContent(String)
    /// The function's concurrency is used up; carries the throttle reason AWS names.
    case tooManyRequests(reason: String)
    /// The payload is over the limit of the invocation type; carries the limit in bytes.
    case requestTooLarge(limit: Int)
    /// The request body of another operation is over its limit; carries the limit in bytes and
    /// the operation's name.
    case requestEntityTooLarge(limit: Int, operation: String)
    /// The function's code cannot be unpacked; carries the full message.
    case invalidZipFile(String)
    /// The function is not ready for the call (state Pending or Failed); carries the full message.
    case resourceNotReady(String)
    /// An operation Brume does not implement yet; carries its name.
    case notImplemented(String)
    /// Storage or process failure: the service's fault; carries the reason for the log.
    case service(String)
}

extension LambdaError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .functionNotFound(let arn):
            AWSError(code: "ResourceNotFoundException", message: "Function not found: \(arn)", status: 404)
        case .resourceNotFound(let message):
            AWSError(code: "ResourceNotFoundException", message: message, status: 404)
        case .resourceConflict(let message):
            AWSError(code: "ResourceConflictException", message: message, status: 409)
        case .preconditionFailed(let message):
            AWSError(code: "PreconditionFailedException", message: message, status: 412)
        case .invalidParameterValue(let message):
            AWSError(code: "InvalidParameterValueException", message: message, status: 400)
        case .validation(let message):
            AWSError(code: "ValidationException", message: message, status: 400)
        case .invalidRequestContent(let message):
            AWSError(code: "InvalidRequestContentException", message: message, status: 400)
        case .tooManyRequests(let reason):
            AWSError(code: "TooManyRequestsException", message: "Rate Exceeded.", status: 429,
                     details: [.init("Reason", reason)], headers: [.init("Retry-After", "1")])
        case .requestTooLarge(let limit):
            AWSError(code: "RequestTooLargeException",
                     message: "Request must be smaller than \(limit) bytes for the InvokeFunction operation", status: 413)
        case .requestEntityTooLarge(let limit, let operation):
            AWSError(code: "RequestEntityTooLargeException",
                     message: "Request must be smaller than \(limit) bytes for the \(operation) operation", status: 413)
        case .invalidZipFile(let message):
            AWSError(code: "InvalidZipFileException", message: message, status: 400)
        case .resourceNotReady(let message):
            AWSError(code: "ResourceNotReadyException", message: message, status: 502)
        case .notImplemented(let operation):
            AWSError(code: "UnknownOperationException",
                     message: "Brume does not implement \(operation) yet; see the support table in Brume's README.", status: 400)
        case .service(let reason):
            AWSError(code: "ServiceException", message: "An internal error occurred: \(reason)", status: 500)
        }
    }
}
