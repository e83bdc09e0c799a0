import BrumeEdge
import BrumeSigV4
import BrumeWire
import Foundation
import HTTPTypes

extension S3Service {
    /// Verifies a pre-signed URL (SigV4 query authentication), whatever the stack's auth mode:
    /// a pre-signed URL is a capability handed to someone without credentials, so a tampered or
    /// expired one must never work.
    func verifyPresignedURL(_ request: S3Request) throws {
        if let legacy = SigV2QueryAuthorization(query: request.query) {
            return try verifyLegacyPresignedURL(request, legacy)
        }
        let presigned: SigV4PresignedQuery
        do {
            guard let parsed = try SigV4PresignedQuery.parse(query: request.query.pairs) else { return }
            presigned = parsed
        } catch {
            throw S3Error.authorizationQueryParametersError(Self.message(for: error))
        }
        let signed = try SigV4Request(request.request, payloadHash: "UNSIGNED-PAYLOAD")
        let now = clock.now()
        switch verifier.verifyPresigned(signed, presigned: presigned, now: now) {
        case .valid:
            return
        case .unknownAccessKey:
            throw S3Error.invalidAccessKeyID(presigned.scope.accessKeyID)
        case .signatureMismatch(let canonicalRequest, let stringToSign):
            throw S3Error.signatureDoesNotMatch(
                stringToSign: stringToSign, canonicalRequest: canonicalRequest,
                accessKeyID: presigned.scope.accessKeyID, signature: presigned.signature
            )
        case .expired:
            var error = S3Error.accessDenied("Request has expired").awsError
            error.details = [
                .init("X-Amz-Expires", String(presigned.expires)),
                .init("Expires", AWSTimestamp.iso8601(presigned.expiry)),
                .init("ServerTime", AWSTimestamp.iso8601(now)),
            ]
            throw error
        case .notYetValid:
            throw S3Error.accessDenied("Request is not valid yet")
        case .expiresTooLarge:
            throw S3Error.authorizationQueryParametersError(
                "X-Amz-Expires must be less than a week (in seconds) that is 604800"
            )
        case .malformed(let reason):
            throw S3Error.authorizationQueryParametersError(reason)
        }
    }

    /// Verifies a Signature Version 2 pre-signed URL: HMAC-SHA1 over the canonical string, and
    /// `Expires` (seconds since the epoch) not yet past.
    private func verifyLegacyPresignedURL(_ request: S3Request, _ legacy: SigV2QueryAuthorization) throws {
        guard let secret = config.secret(forAccessKey: legacy.accessKeyID) else {
            throw S3Error.invalidAccessKeyID(legacy.accessKeyID)
        }
        let now = clock.now()
        guard legacy.expires >= 0 else {
            throw S3Error.accessDenied("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
        }
        let amzHeaders = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        var resource = request.request.uri.path
        if let host = request.request.head.authority, let bucket = S3Request.virtualHostedBucket(host) {
            resource = "/\(bucket)" + resource
        }
        let stringToSign = SigV2QueryAuthorization.stringToSign(
            method: request.method.rawValue, contentMD5: request.headers[.contentMD5], contentType: request.headers[.contentType],
            expires: legacy.expires, amzHeaders: amzHeaders, resource: resource, query: request.query
        )
        let expected = SigV2QueryAuthorization.signature(stringToSign, secret: secret)
        guard expected == legacy.signature else {
            throw S3Error.signatureDoesNotMatch(
                stringToSign: stringToSign, canonicalRequest: "", accessKeyID: legacy.accessKeyID, signature: legacy.signature
            )
        }
        if Double(legacy.expires) < now.timeIntervalSince1970 {
            var error = S3Error.accessDenied("Request has expired").awsError
            error.details = [
                .init("Expires", AWSTimestamp.iso8601(Date(timeIntervalSince1970: Double(legacy.expires)))),
                .init("ServerTime", AWSTimestamp.iso8601(now)),
            ]
            throw error
        }
    }

    private static func message(for error: any Error) -> String {
        if let error = error as? SigV4Error { return "\(error)" }
        return "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
    }
}
