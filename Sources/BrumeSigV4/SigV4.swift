/// AWS Signature Version 4, built in stages for verifying requests on the server side.
///
/// Each stage is a pure function, tested on its own against AWS's published examples:
///
/// 1. ``canonicalURI(path:service:)``, ``canonicalQuery(_:excluding:)`` and
///    ``canonicalHeaders(_:signed:)`` canonicalise the parts of the request;
/// 2. ``canonicalRequest(method:canonicalURI:canonicalQuery:canonicalHeaders:signedHeaders:payloadHash:)``
///    joins them;
/// 3. ``stringToSign(amzDate:scope:canonicalRequest:)`` hashes the canonical request under a scope;
/// 4. ``signingKey(secret:scope:)`` derives the per-day key and ``signature(stringToSign:key:)``
///    produces the hex signature.
///
/// ``SigV4Verifier`` composes them; ``SigV4ChunkSigner`` continues the chain for
/// `aws-chunked` streaming uploads.
public enum SigV4 {
    /// The only signing algorithm SigV4 defines: `AWS4-HMAC-SHA256`.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a request whose body is not signed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// The payload hash of a signed `aws-chunked` upload.
    public static let streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    /// The payload hash of a signed `aws-chunked` upload with signed trailers.
    public static let streamingPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    /// The payload hash of an unsigned `aws-chunked` upload with trailers.
    public static let streamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    /// The hex SHA-256 of the empty string.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Whether a service signs paths the S3 way (encoded once, not normalised).
    static func usesS3PathRules(_ service: String) -> Bool {
        service == "s3" || service == "s3-object-lambda"
    }
}
