/// The wire protocols AWS services speak, as named in the service models' `metadata.protocol`.
public enum WireProtocol: String, Sendable, CaseIterable {
    /// JSON bodies, operation in `X-Amz-Target`, content type `application/x-amz-json-1.0` (SQS, Step Functions).
    case awsJson1_0 = "json1.0"
    /// The same with `application/x-amz-json-1.1` (Kinesis, KMS, EventBridge).
    case awsJson1_1 = "json1.1"
    /// Form-encoded `Action=` requests with XML responses (SQS's older protocol).
    case query
    /// REST paths with JSON bodies (Lambda, API Gateway).
    case restJson1 = "rest-json"
    /// REST paths with XML bodies (S3).
    case restXml = "rest-xml"

    /// The `Content-Type` of a body in this protocol.
    public var contentType: String {
        switch self {
        case .awsJson1_0: "application/x-amz-json-1.0"
        case .awsJson1_1: "application/x-amz-json-1.1"
        case .query: "text/xml"
        case .restJson1: "application/json"
        case .restXml: "application/xml"
        }
    }

    /// The header that carries the request id in this protocol.
    public var requestIDHeader: String {
        self == .restXml ? "x-amz-request-id" : "x-amzn-RequestId"
    }
}
