public import Foundation

/// The authentication parameters of a presigned URL (SigV4 query-string authentication).
///
/// A presigned request carries `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
/// `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature` and optionally
/// `X-Amz-Security-Token` in its query string.
public struct SigV4PresignedQuery: Sendable, Hashable {
    /// The credential scope from `X-Amz-Credential`.
    public var scope: SigV4Scope
    /// The signing timestamp, `yyyyMMdd'T'HHmmss'Z'`, from `X-Amz-Date`.
    public var amzDate: String
    /// The instant `amzDate` names.
    public var date: Date
    /// The lifetime in seconds from `X-Amz-Expires`; AWS accepts 1...604800.
    public var expires: Int
    /// The lowercase header names from `X-Amz-SignedHeaders`.
    public var signedHeaders: [String]
    /// The hex signature from `X-Amz-Signature`.
    public var signature: String
    /// The session token from `X-Amz-Security-Token`, when temporary credentials signed.
    public var securityToken: String?

    /// The longest lifetime AWS accepts for a presigned URL: seven days.
    public static let maximumExpires = 604_800

    /// The instant after which the URL is expired: `date + expires`.
    public var expiry: Date { date.addingTimeInterval(TimeInterval(expires)) }

    /// Parses presigned-URL parameters from decoded query pairs.
    ///
    /// Returns `nil` when none of `X-Amz-Algorithm`, `X-Amz-Credential` and `X-Amz-Signature`
    /// is present: the request is not presigned.
    ///
    /// - Throws: ``SigV4Error/unsupportedAlgorithm(_:)``, ``SigV4Error/missingQueryParameter(_:)``,
    ///   ``SigV4Error/malformedCredential(_:)``, ``SigV4Error/invalidDate(_:)``,
    ///   ``SigV4Error/invalidExpires(_:)`` or ``SigV4Error/emptySignedHeaders``.
    public static func parse(query: [(name: String, value: String)]) throws(SigV4Error) -> SigV4PresignedQuery? {
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let algorithm = value("X-Amz-Algorithm")
        let credential = value("X-Amz-Credential")
        let signature = value("X-Amz-Signature")
        guard algorithm != nil || credential != nil || signature != nil else { return nil }

        guard let algorithm else { throw .missingQueryParameter("X-Amz-Algorithm") }
        guard algorithm == SigV4.algorithm else { throw .unsupportedAlgorithm(algorithm) }
        guard let credential else { throw .missingQueryParameter("X-Amz-Credential") }
        guard let signature else { throw .missingQueryParameter("X-Amz-Signature") }
        guard let amzDate = value("X-Amz-Date") else { throw .missingQueryParameter("X-Amz-Date") }
        guard let expiresText = value("X-Amz-Expires") else { throw .missingQueryParameter("X-Amz-Expires") }
        guard let signedHeaders = value("X-Amz-SignedHeaders") else { throw .missingQueryParameter("X-Amz-SignedHeaders") }

        guard let date = SigV4.date(fromAmzDate: amzDate) else { throw .invalidDate(amzDate) }
        guard let expires = Int(expiresText) else { throw .invalidExpires(expiresText) }
        return SigV4PresignedQuery(
            scope: try SigV4Scope(credential: credential),
            amzDate: amzDate,
            date: date,
            expires: expires,
            signedHeaders: try SigV4.parseSignedHeaders(signedHeaders),
            signature: signature,
            securityToken: value("X-Amz-Security-Token")
        )
    }
}
