/// An error raised while parsing the authentication parts of a SigV4 request.
///
/// Parsing errors describe requests that are malformed before any signature is computed; a
/// server maps them to `AuthorizationHeaderMalformed` (header authentication) or
/// `AuthorizationQueryParametersError` (presigned URLs). ``message`` gives an AWS-style text.
public enum SigV4Error: Error, Sendable, Hashable {
    /// The algorithm is not `AWS4-HMAC-SHA256`.
    case unsupportedAlgorithm(String)
    /// The `Authorization` header lacks the named component (`Credential`, `SignedHeaders`, `Signature`).
    case missingComponent(String)
    /// The `Authorization` header does not have the shape `AWS4-HMAC-SHA256 k=v, k=v, k=v`.
    case malformedAuthorization(String)
    /// The credential is not `AKID/yyyyMMdd/region/service/aws4_request`.
    case malformedCredential(String)
    /// The presigned query lacks the named `X-Amz-*` parameter.
    case missingQueryParameter(String)
    /// The named date parameter is not in the `yyyyMMdd'T'HHmmss'Z'` format.
    case invalidDate(String)
    /// `X-Amz-Expires` is not an integer.
    case invalidExpires(String)
    /// The signed header list is empty.
    case emptySignedHeaders

    /// A one-line, AWS-style description suitable for an error response `Message`.
    public var message: String {
        switch self {
        case .unsupportedAlgorithm(let algorithm):
            "Unsupported signing algorithm '\(algorithm)'; only AWS4-HMAC-SHA256 is supported."
        case .missingComponent(let name):
            "The authorization header is malformed; missing \(name)."
        case .malformedAuthorization(let header):
            "The authorization header is malformed: '\(header)'."
        case .malformedCredential(let credential):
            "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\" but got '\(credential)'."
        case .missingQueryParameter(let name):
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters; missing \(name)."
        case .invalidDate(let value):
            "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" but got '\(value)'."
        case .invalidExpires(let value):
            "X-Amz-Expires should be a number but got '\(value)'."
        case .emptySignedHeaders:
            "The signed headers list must not be empty."
        }
    }
}
