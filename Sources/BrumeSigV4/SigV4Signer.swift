public import Foundation
import Crypto

/// Signs outgoing requests with SigV4 `Authorization` headers, the client side of
/// ``SigV4Verifier``.
///
/// It composes the same stages the verifier uses (canonical request, string to sign, signing key),
/// so a request it signs verifies by construction. Every header handed to it is signed, plus the
/// `host` and `x-amz-date` it adds; S3 requests also carry `x-amz-content-sha256`.
public struct SigV4Signer: Sendable {
    /// The access key id that signs.
    public var accessKeyID: String
    /// Its secret.
    public var secret: String
    /// The signing region, for example `us-east-1`.
    public var region: String
    /// The signing name of the service, for example `sqs`, `s3` or `states`.
    public var service: String

    /// Creates a signer for one credential, region and service.
    public init(accessKeyID: String, secret: String, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secret = secret
        self.region = region
        self.service = service
    }

    /// The headers of the signed request: `headers`, then `host` (unless present), `x-amz-date`,
    /// for S3 `x-amz-content-sha256`, and the `Authorization` header last.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - host: the `Host` header value, with the port when it is not the default.
    ///   - path: the decoded path, for example `/bucket/my key.txt`.
    ///   - query: the decoded query pairs.
    ///   - headers: headers to send and sign (names in any case).
    ///   - payloadHash: the hex SHA-256 of the body (``SigV4/sha256Hex(_:)`` or
    ///     ``SigV4/payloadHash(_:)``), or ``SigV4/unsignedPayload``.
    ///   - date: the signing time.
    public func sign(
        method: String,
        host: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: Date
    ) -> [(name: String, value: String)] {
        let amzDate = SigV4.amzDate(from: date)
        var signed = headers
        if !signed.contains(where: { $0.name.lowercased() == "host" }) { signed.append(("host", host)) }
        signed.append(("x-amz-date", amzDate))
        if SigV4.usesS3PathRules(service), !signed.contains(where: { $0.name.lowercased() == "x-amz-content-sha256" }) {
            signed.append(("x-amz-content-sha256", payloadHash))
        }
        let scope = SigV4Scope(accessKeyID: accessKeyID, date: String(amzDate.prefix(8)), region: region, service: service)
        let names = Array(Set(signed.map { $0.name.lowercased() })).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let request = SigV4Request(method: method, path: path, query: query, headers: signed, payloadHash: payloadHash)
        let canonicalRequest = SigV4.canonicalRequest(for: request, signedHeaders: names, service: service)
        let stringToSign = SigV4.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = SigV4.signature(stringToSign: stringToSign, key: SigV4.signingKey(secret: secret, scope: scope))
        signed.append((
            "Authorization",
            "\(SigV4.algorithm) Credential=\(scope.credentialString), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        ))
        return signed
    }
}

extension SigV4 {
    /// The lowercase hex SHA-256 of a body.
    public static func payloadHash(_ body: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(body)))
    }
}
