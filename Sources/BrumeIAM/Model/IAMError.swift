public import BrumeWire

/// IAM's and STS's errors, with the codes, statuses and messages AWS answers.
enum IAMError: Error, AWSErrorConvertible {
    case noSuchEntity(String)
    case entityAlreadyExists(String)
    case deleteConflict(String)
    case limitExceeded(String)
    case malformedPolicyDocument(String)
    case invalidInput(String)
    /// A missing or out-of-range parameter, in the wording of AWS's validation layer.
    case validation(String)
    case accessDenied(String)
    case expiredToken
    case invalidClientTokenID
    case notImplemented(String)

    var awsError: AWSError {
        switch self {
        case .noSuchEntity(let message): AWSError(code: "NoSuchEntity", message: message, status: 404)
        case .entityAlreadyExists(let message): AWSError(code: "EntityAlreadyExists", message: message, status: 409)
        case .deleteConflict(let message): AWSError(code: "DeleteConflict", message: message, status: 409)
        case .limitExceeded(let message): AWSError(code: "LimitExceeded", message: message, status: 409)
        case .malformedPolicyDocument(let message): AWSError(code: "MalformedPolicyDocument", message: message, status: 400)
        case .invalidInput(let message): AWSError(code: "InvalidInput", message: message, status: 400)
        case .validation(let message): AWSError(code: "ValidationError", message: message, status: 400)
        case .accessDenied(let message): AWSError(code: "AccessDenied", message: message, status: 403)
        case .expiredToken: AWSError(code: "ExpiredToken", message: "The security token included in the request is expired", status: 400)
        case .invalidClientTokenID:
            AWSError(code: "InvalidClientTokenId", message: "The security token included in the request is invalid.", status: 403)
        case .notImplemented(let operation):
            AWSError(code: "NotImplemented", message: "\(operation) is not implemented by Brume yet.", status: 501)
        }
    }

    /// "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null".
    static func missing(_ parameter: String) -> IAMError {
        .validation("1 validation error detected: Value null at '\(lowerFirst(parameter))' failed to satisfy constraint: Member must not be null")
    }

    static func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }
}
