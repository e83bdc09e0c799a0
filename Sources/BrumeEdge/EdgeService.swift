public import BrumeWire
public import Hummingbird
public import ServiceLifecycle

/// A service the edge routes requests to: S3, SQS, Lambda...
///
/// A service owns its wire protocol end to end: it decodes the request, acts, and encodes the
/// response. It throws ``AWSErrorConvertible`` errors and the edge encodes them in the
/// service's envelope, so error shapes are uniform across every operation.
public protocol EdgeService: Sendable {
    /// The name used in config, health and service detection (`s3`).
    var name: String { get }
    /// The wire protocol the service's errors are encoded in.
    var wireProtocol: WireProtocol { get }
    /// The Smithy namespace of `__type` in JSON error bodies (`com.amazonaws.sqs`), if any.
    var errorTypeNamespace: String? { get }

    /// Answers one request.
    func respond(to request: Request, context: EdgeContext) async throws -> Response

    /// A new request id in the shape this service's clients expect.
    func makeRequestID() -> String

    /// Extra headers every response and error of the service carries (S3's `x-amz-id-2`).
    func commonHeaders(requestID: String) -> [AWSError.Header]

    /// Whether the service streams request bodies itself (S3's objects), so the edge must not
    /// read a body to check a signature over it; such services require `x-amz-content-sha256`.
    var streamsRequestBodies: Bool { get }

    /// The protocol a request's errors are encoded in: ``wireProtocol``, unless the service
    /// speaks several (SQS answers query-protocol requests in the query envelope).
    func errorProtocol(for request: Request) -> WireProtocol

    /// The error for a request whose signature the edge rejected.
    func authenticationError(_ failure: AuthenticationFailure) -> AWSError

    /// The largest header section (header lines plus query string, see
    /// ``RequestLimit/headerSectionSize(of:)``) the service accepts, or nil when only the HTTP
    /// decoder's limits apply. S3 refuses more than 8 KiB.
    var maximumHeaderSection: Int? { get }

    /// The service's own error for a request past one of its limits: a body longer than the
    /// service reads, or a header section longer than ``maximumHeaderSection``. Nothing has been
    /// done for the request when this is asked.
    func limitError(_ limit: RequestLimit, request: Request) -> AWSError

    /// The service's own answer to a failure it did not expect (a full disk, a broken database):
    /// S3's `InternalError`, Lambda's `ServiceException`, EventBridge's `InternalException`...
    /// The cause is logged, never sent.
    var internalError: AWSError { get }

    /// What the service holds, for `/_brume/resources`: resource kind → names.
    func resourceSummary() async throws -> [String: [String]]

    /// Answers a request under `/_brume/<name>/...` (the service's own emulator endpoints, such
    /// as Lambda's code-package downloads), or nil when the path is not one of them. These
    /// requests are not authenticated, like the rest of `/_brume/`.
    func internalResponse(to request: Request, path: [Substring]) async throws -> Response?

    /// The long-running pieces the service needs beside the edge (Step Functions' execution
    /// runner); they join the stack's service group and stop with it.
    var backgroundServices: [any Service] { get }
}

extension EdgeService {
    public var errorTypeNamespace: String? { nil }

    public var backgroundServices: [any Service] { [] }

    public func internalResponse(to request: Request, path: [Substring]) async throws -> Response? { nil }

    public func makeRequestID() -> String { BrumeCore.RequestID.uuid() }

    public func errorProtocol(for request: Request) -> WireProtocol { wireProtocol }

    public var streamsRequestBodies: Bool { false }

    public func commonHeaders(requestID: String) -> [AWSError.Header] { [] }

    public func authenticationError(_ failure: AuthenticationFailure) -> AWSError {
        defaultAuthenticationError(failure)
    }

    public var maximumHeaderSection: Int? { nil }

    public var internalError: AWSError { .internalFailure() }

    public func limitError(_ limit: RequestLimit, request: Request) -> AWSError {
        limit.defaultError(for: errorProtocol(for: request))
    }

    /// The JSON-protocol services' authentication errors.
    public func defaultAuthenticationError(_ failure: AuthenticationFailure) -> AWSError {
        failure.jsonProtocolError
    }
}

extension AuthenticationFailure {
    /// How the JSON-protocol services (SQS, Lambda, Step Functions) report a refused signature;
    /// also used when such a service runs in another process.
    public var jsonProtocolError: AWSError {
        switch self {
        case .unknownAccessKey:
            AWSError(
                code: "UnrecognizedClientException",
                message: "The security token included in the request is invalid.",
                status: 403
            )
        case .signatureMismatch:
            AWSError(
                code: "InvalidSignatureException",
                message: "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                status: 403
            )
        case .malformed(let reason):
            AWSError(code: "IncompleteSignatureException", message: reason, status: 400)
        case .missing:
            AWSError(code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", status: 403)
        case .requestTimeTooSkewed(let requestTime):
            AWSError(
                code: "InvalidSignatureException",
                message: "Signature expired: \(requestTime) is now earlier or later than the allowed 15 minute window.",
                status: 403
            )
        }
    }
}

import BrumeCore

/// Why the edge refused a request's `Authorization` header.
public enum AuthenticationFailure: Error, Sendable, Equatable {
    /// The access key is not in the configured credentials (strict mode).
    case unknownAccessKey(String)
    /// The signature does not verify; carries what the server signed, as S3 reports it.
    case signatureMismatch(canonicalRequest: String, stringToSign: String, accessKeyID: String, signature: String)
    /// The header is not a well-formed SigV4 authorization.
    case malformed(String)
    /// The request is not signed at all (strict mode).
    case missing
    /// The signature's date is more than 15 minutes from the server's clock (strict mode).
    case requestTimeTooSkewed(requestTime: String)
}
