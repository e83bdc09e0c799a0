public import Foundation

/// Verifies SigV4 signatures of incoming requests, by `Authorization` header or presigned URL.
///
/// The verifier holds no state besides the secret lookup, so one instance serves all requests.
public struct SigV4Verifier: Sendable {
    /// How far in the future a presigned URL's `X-Amz-Date` may lie: 15 minutes, as S3 allows.
    public static let allowedClockSkew: TimeInterval = 15 * 60

    private let secretForAccessKey: @Sendable (String) -> String?

    /// Creates a verifier that looks secrets up by access key id.
    public init(secretForAccessKey: @escaping @Sendable (String) -> String?) {
        self.secretForAccessKey = secretForAccessKey
    }

    /// Verifies a request authenticated by an `Authorization` header.
    ///
    /// - Parameter amzDate: the request timestamp, the `x-amz-date` header value.
    /// - Returns: `.malformed` when `amzDate` is not `yyyyMMdd'T'HHmmss'Z'` or its day differs from
    ///   the credential's; otherwise `.unknownAccessKey`, `.signatureMismatch` or `.valid`.
    ///   No clock-skew check is made; use ``SigV4/date(fromAmzDate:)`` to add one.
    public func verifyHeader(_ request: SigV4Request, authorization: SigV4Authorization, amzDate: String) -> SigV4Verification {
        if let problem = Self.dateProblem(amzDate: amzDate, scope: authorization.scope) {
            return .malformed(problem)
        }
        guard let secret = secretForAccessKey(authorization.scope.accessKeyID) else { return .unknownAccessKey }
        let canonicalRequest = SigV4.canonicalRequest(
            for: request, signedHeaders: authorization.signedHeaders, service: authorization.scope.service
        )
        return Self.compare(
            canonicalRequest: canonicalRequest, amzDate: amzDate, scope: authorization.scope,
            secret: secret, signature: authorization.signature
        )
    }

    /// Verifies a presigned request (query-string authentication).
    ///
    /// Checks, in order: `X-Amz-Expires` is 1...604800, the credential day matches `X-Amz-Date`,
    /// `X-Amz-Date` is at most 15 minutes ahead of `now`, `now` is not past `X-Amz-Date +
    /// X-Amz-Expires`, the access key is known, and the signature matches. `X-Amz-Signature` is
    /// left out of the canonical query. For S3 the payload hash is `UNSIGNED-PAYLOAD` unless
    /// `x-amz-content-sha256` is a signed header, in which case that header's value is used; other
    /// services use ``SigV4Request/payloadHash``.
    public func verifyPresigned(_ request: SigV4Request, presigned: SigV4PresignedQuery, now: Date) -> SigV4Verification {
        guard presigned.expires <= SigV4PresignedQuery.maximumExpires else { return .expiresTooLarge }
        guard presigned.expires >= 1 else { return .malformed("X-Amz-Expires must be greater than 0.") }
        if let problem = Self.dateProblem(amzDate: presigned.amzDate, scope: presigned.scope) {
            return .malformed(problem)
        }
        if presigned.date.timeIntervalSince(now) > Self.allowedClockSkew { return .notYetValid }
        if now > presigned.expiry { return .expired }
        guard let secret = secretForAccessKey(presigned.scope.accessKeyID) else { return .unknownAccessKey }

        var payloadHash = request.payloadHash
        if SigV4.usesS3PathRules(presigned.scope.service) {
            payloadHash = presigned.signedHeaders.contains("x-amz-content-sha256")
                ? request.header("x-amz-content-sha256") ?? SigV4.unsignedPayload
                : SigV4.unsignedPayload
        }
        let canonicalRequest = SigV4.canonicalRequest(
            for: request, signedHeaders: presigned.signedHeaders, service: presigned.scope.service,
            excludingQuery: ["X-Amz-Signature"], payloadHash: payloadHash
        )
        return Self.compare(
            canonicalRequest: canonicalRequest, amzDate: presigned.amzDate, scope: presigned.scope,
            secret: secret, signature: presigned.signature
        )
    }

    /// Verifies whichever SigV4 authentication the request carries.
    ///
    /// Returns `nil` for an anonymous request (no `Authorization` header and no presigned query).
    /// Parse failures become `.malformed` with an AWS-style message.
    public func verify(_ request: SigV4Request, now: Date) -> SigV4Verification? {
        do throws(SigV4Error) {
            if let header = request.header("authorization") {
                guard !request.query.contains(where: { $0.name == "X-Amz-Algorithm" }) else {
                    return .malformed("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified")
                }
                let authorization = try SigV4Authorization.parse(header)
                guard let amzDate = request.header("x-amz-date") else {
                    return .malformed("The request must contain the x-amz-date header.")
                }
                return verifyHeader(request, authorization: authorization, amzDate: amzDate)
            }
            guard let presigned = try SigV4PresignedQuery.parse(query: request.query) else { return nil }
            return verifyPresigned(request, presigned: presigned, now: now)
        } catch {
            return .malformed(error.message)
        }
    }

    /// The chunk signer continuing a header-signed `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`
    /// request; `nil` when the access key is unknown. Verify the request first.
    public func chunkSigner(authorization: SigV4Authorization, amzDate: String) -> SigV4ChunkSigner? {
        guard let secret = secretForAccessKey(authorization.scope.accessKeyID) else { return nil }
        return SigV4ChunkSigner(
            key: SigV4.signingKey(secret: secret, scope: authorization.scope),
            amzDate: amzDate, scope: authorization.scope, seedSignature: authorization.signature.lowercased()
        )
    }

    private static func dateProblem(amzDate: String, scope: SigV4Scope) -> String? {
        guard SigV4.date(fromAmzDate: amzDate) != nil else {
            return SigV4Error.invalidDate(amzDate).message
        }
        guard amzDate.hasPrefix(scope.date) else {
            return "Invalid credential date \"\(scope.date)\". This date is not the same as X-Amz-Date: \"\(amzDate.prefix(8))\"."
        }
        return nil
    }

    private static func compare(canonicalRequest: String, amzDate: String, scope: SigV4Scope, secret: String, signature: String) -> SigV4Verification {
        let stringToSign = SigV4.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let expected = SigV4.signature(stringToSign: stringToSign, key: SigV4.signingKey(secret: secret, scope: scope))
        guard SigV4.constantTimeEquals(expected, signature.lowercased()) else {
            return .signatureMismatch(canonicalRequest: canonicalRequest, stringToSign: stringToSign)
        }
        return .valid(scope)
    }
}
