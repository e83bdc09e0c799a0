/// The parts of an HTTP request that a SigV4 signature covers.
///
/// The server builds one per request from what arrived on the wire. Paths and query pairs are
/// *decoded*; the canonicalisation stages re-encode them the way AWS specifies, so the result does
/// not depend on how a client chose to percent-encode.
public struct SigV4Request: Sendable {
    /// The HTTP method, for example `GET`.
    public var method: String
    /// The decoded path, for example `/bucket/my key.txt`.
    public var path: String
    /// The path exactly as it appeared on the wire (still percent-encoded, no query), if known.
    ///
    /// Only non-S3 services use it: their canonical URI is the raw path encoded once more. When
    /// `nil`, the raw path is assumed to be the AWS encoding of ``path``, which is what every AWS
    /// SDK sends.
    public var rawPath: String?
    /// The decoded query pairs in arrival order; a bare `?acl` is `("acl", "")`.
    public var query: [(name: String, value: String)]
    /// The headers in arrival order; names in any case; a repeated header appears repeatedly.
    public var headers: [(name: String, value: String)]
    /// The payload hash line of the canonical request.
    ///
    /// For S3, the `x-amz-content-sha256` header value (a hex digest, `UNSIGNED-PAYLOAD` or a
    /// `STREAMING-…` marker). For services that send no such header, the hex SHA-256 of the body.
    /// Presigned S3 requests ignore it (see ``SigV4Verifier/verifyPresigned(_:presigned:now:)``).
    public var payloadHash: String

    /// Creates a request.
    public init(
        method: String,
        path: String,
        rawPath: String? = nil,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)],
        payloadHash: String
    ) {
        self.method = method
        self.path = path
        self.rawPath = rawPath
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    /// The values of a header, compared case-insensitively, in arrival order.
    public func headerValues(_ name: String) -> [String] {
        let name = name.lowercased()
        return headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }
}
