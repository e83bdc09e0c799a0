import BrumeWire

/// An error API Gateway's control plane reports: its code, status and message, as AWS words them.
/// API Gateway's body is `{"message": …}` alone, with the code in `x-amzn-ErrorType`.
enum APIGatewayError: Error, Equatable, Sendable {
    case notFound(String)
    case badRequest(String)
    case conflict(String)
    case limitExceeded(String)
    case tooManyRequests(String)
    case unauthorized(String)
    /// An operation of the model Brume does not implement; carries its name.
    case notImplemented(String)

    var code: String {
        switch self {
        case .notFound: "NotFoundException"
        case .badRequest: "BadRequestException"
        case .conflict: "ConflictException"
        case .limitExceeded: "LimitExceededException"
        case .tooManyRequests: "TooManyRequestsException"
        case .unauthorized: "UnauthorizedException"
        case .notImplemented: "UnknownOperationException"
        }
    }

    var status: Int {
        switch self {
        case .notFound: 404
        case .badRequest: 400
        case .conflict: 409
        case .limitExceeded, .tooManyRequests: 429
        case .unauthorized: 401
        case .notImplemented: 400
        }
    }

    var message: String {
        switch self {
        case .notFound(let message), .badRequest(let message), .conflict(let message), .limitExceeded(let message),
             .tooManyRequests(let message), .unauthorized(let message):
            message
        case .notImplemented(let operation):
            "Brume does not implement \(operation) yet; see the support table in Brume's README."
        }
    }
}

extension APIGatewayError: AWSErrorConvertible {
    var awsError: AWSError { AWSError(code: code, message: message, status: status) }
}
