/// The outcome of verifying a SigV4-signed request.
///
/// A server maps each case to its wire error at the edge: `SignatureDoesNotMatch`,
/// `InvalidAccessKeyId`, `AccessDenied` ("Request has expired"), `AuthorizationQueryParametersError`
/// or `AuthorizationHeaderMalformed`.
public enum SigV4Verification: Sendable, Hashable {
    /// The signature is valid for this scope.
    case valid(SigV4Scope)
    /// No secret is known for the access key id.
    case unknownAccessKey
    /// The signature differs; carries what the server signed, for the error response.
    case signatureMismatch(canonicalRequest: String, stringToSign: String)
    /// The presigned URL's `X-Amz-Date + X-Amz-Expires` is in the past.
    case expired
    /// The presigned URL's `X-Amz-Date` is more than 15 minutes in the future.
    case notYetValid
    /// `X-Amz-Expires` exceeds 604800: "X-Amz-Expires must be less than a week (in seconds) that is 604800".
    case expiresTooLarge
    /// The authentication parameters are malformed; carries an AWS-style message.
    case malformed(String)

    /// Whether the request is authenticated.
    public var isValid: Bool {
        if case .valid = self { true } else { false }
    }
}
