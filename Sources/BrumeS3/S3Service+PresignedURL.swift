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
        if request.query.contains("Signature") && request.query.contains("AWSAccessKeyId") {
            throw S3Error.invalidRequest(
                "Signature Version 2 pre-signed URLs are not supported by Brume; sign with Signature Version 4 (s3v4)."
            )
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

    private static func message(for error: any Error) -> String {
        if let error = error as? SigV4Error { return "\(error)" }
        return "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
    }
}
