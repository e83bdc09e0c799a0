import BrumeWire

/// An error KMS reports, one case per error shape of the model that Brume raises.
///
/// Each is answered with the model's shape name as `__type` and HTTP 400, except the
/// service's own failure; the messages are the ones AWS sends where they are known.
enum KMSError: Error, Equatable, Sendable {
    case notFound(String)
    case alreadyExists(String)
    case disabled(String)
    /// KMSInvalidStateException: the key's state forbids the operation (pending deletion, …).
    case invalidState(String)
    case invalidCiphertext(String)
    case incorrectKey(String)
    case invalidKeyUsage(String)
    case validation(String)
    case invalidAliasName(String)
    case notAuthorized(String)
    case unsupportedOperation(String)
    case invalidMarker
    case invalidArn(String)
    case limitExceeded(String)
    case tag(String)
    case invalidMac
    case invalidSignature
    case invalidGrantToken(String)
    case invalidGrantId(String)
    case malformedPolicy(String)
    case dryRun
    /// A member whose JSON type is not the model's; carries the member name.
    case serialization(String)
    /// An operation of the model Brume does not implement; carries its name.
    case notImplemented(String)
    /// Storage or the master key failed; the service's fault.
    case internalFailure(String)

    /// AWS's request validation message (`1 validation error detected: …`), sent as ValidationException.
    static func constraint(_ value: String?, at member: String, _ rule: String) -> KMSError {
        let shown = value.map { "Value '\($0)'" } ?? "Value null"
        return .validation("1 validation error detected: \(shown) at '\(member)' failed to satisfy constraint: \(rule)")
    }

    /// A required member that is absent.
    static func missing(_ member: String) -> KMSError {
        constraint(nil, at: member, "Member must not be null")
    }
}

extension KMSError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .notFound(let message): AWSError(code: "NotFoundException", message: message, status: 400)
        case .alreadyExists(let message): AWSError(code: "AlreadyExistsException", message: message, status: 400)
        case .disabled(let message): AWSError(code: "DisabledException", message: message, status: 400)
        case .invalidState(let message): AWSError(code: "KMSInvalidStateException", message: message, status: 400)
        case .invalidCiphertext(let message): AWSError(code: "InvalidCiphertextException", message: message, status: 400)
        case .incorrectKey(let message): AWSError(code: "IncorrectKeyException", message: message, status: 400)
        case .invalidKeyUsage(let message): AWSError(code: "InvalidKeyUsageException", message: message, status: 400)
        case .validation(let message): AWSError(code: "ValidationException", message: message, status: 400)
        case .invalidAliasName(let message): AWSError(code: "InvalidAliasNameException", message: message, status: 400)
        case .notAuthorized(let message): AWSError(code: "NotAuthorizedException", message: message, status: 400)
        case .unsupportedOperation(let message): AWSError(code: "UnsupportedOperationException", message: message, status: 400)
        case .invalidMarker: AWSError(code: "InvalidMarkerException", message: "Invalid marker", status: 400)
        case .invalidArn(let message): AWSError(code: "InvalidArnException", message: message, status: 400)
        case .limitExceeded(let message): AWSError(code: "LimitExceededException", message: message, status: 400)
        case .tag(let message): AWSError(code: "TagException", message: message, status: 400)
        case .invalidMac: AWSError(code: "KMSInvalidMacException", message: "", status: 400)
        case .invalidSignature: AWSError(code: "KMSInvalidSignatureException", message: "", status: 400)
        case .invalidGrantToken(let message): AWSError(code: "InvalidGrantTokenException", message: message, status: 400)
        case .invalidGrantId(let message): AWSError(code: "InvalidGrantIdException", message: message, status: 400)
        case .malformedPolicy(let message): AWSError(code: "MalformedPolicyDocumentException", message: message, status: 400)
        case .dryRun:
            AWSError(code: "DryRunOperationException", message: "The request would have succeeded, but the DryRun option is set.", status: 412)
        case .serialization(let member):
            AWSError(code: "SerializationException", message: "Unexpected JSON type for member '\(member)'.", status: 400)
        case .notImplemented(let operation):
            AWSError(code: "UnknownOperationException", message: "\(operation) is not implemented by Brume yet.", status: 400)
        case .internalFailure: AWSError(code: "KMSInternalException", message: "The request cannot be completed.", status: 500)
        }
    }
}
