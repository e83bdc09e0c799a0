/// An error as an AWS service reports it: a code, a message and an HTTP status.
///
/// Services throw their own typed errors; the edge maps them to an `AWSError` and then to the
/// envelope of the service's ``WireProtocol``. Anything else becomes ``internalFailure(_:)``.
public struct AWSError: Error, Sendable, Equatable {
    /// The error code clients match on (`NoSuchKey`, `QueueDoesNotExist`).
    public var code: String
    /// The human-readable message.
    public var message: String
    /// The HTTP status code.
    public var status: Int
    /// Whether the caller is at fault (`Sender`) rather than the service (`Receiver`).
    public var isSenderFault: Bool
    /// Extra elements S3 puts inside `<Error>` (`BucketName`, `Key`, `Condition`...), in order.
    public var details: [Detail]
    /// Extra response headers, such as `x-amz-delete-marker`.
    public var headers: [Header]
    /// The legacy query-protocol code sent in `x-amzn-query-error` by JSON services that keep
    /// query compatibility (SQS: `AWS.SimpleQueueService.NonExistentQueue`).
    public var queryCompatibleCode: String?

    public init(
        code: String,
        message: String,
        status: Int,
        isSenderFault: Bool? = nil,
        details: [Detail] = [],
        headers: [Header] = [],
        queryCompatibleCode: String? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.isSenderFault = isSenderFault ?? (status < 500)
        self.details = details
        self.headers = headers
        self.queryCompatibleCode = queryCompatibleCode
    }

    /// One named value inside an S3 error body.
    public struct Detail: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One response header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }
}

extension AWSError {
    /// The error for anything unexpected, as S3 words it; the cause is logged, never sent.
    /// Services whose models name another internal error answer their own (see
    /// ``commonInternalFailure``).
    public static func internalFailure(_ message: String = "We encountered an internal error. Please try again.") -> AWSError {
        AWSError(code: "InternalError", message: message, status: 500)
    }

    /// AWS's common `InternalFailure` (500), the internal error of the JSON and query services
    /// whose models name none of their own (SQS, Step Functions).
    public static let commonInternalFailure = AWSError(
        code: "InternalFailure",
        message: "The request processing has failed because of an unknown error, exception or failure.",
        status: 500
    )
}

/// A typed domain error that knows the AWS error it becomes on the wire.
public protocol AWSErrorConvertible: Error {
    /// The wire form of this error.
    var awsError: AWSError { get }
}

extension AWSError: AWSErrorConvertible {
    public var awsError: AWSError { self }
}
