/// The credential scope of a SigV4 signature: who signed, for which day, region and service.
///
/// Parsed from `AKID/20130524/us-east-1/s3/aws4_request`, the value of `Credential=` in an
/// `Authorization` header or of the `X-Amz-Credential` query parameter.
public struct SigV4Scope: Sendable, Hashable {
    /// The access key id that signed the request.
    public var accessKeyID: String
    /// The signing day, `yyyyMMdd`.
    public var date: String
    /// The signing region, for example `us-east-1`.
    public var region: String
    /// The signing name of the service, for example `s3`.
    public var service: String

    /// Creates a scope from its parts.
    public init(accessKeyID: String, date: String, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.date = date
        self.region = region
        self.service = service
    }

    /// Parses `AKID/yyyyMMdd/region/service/aws4_request`.
    ///
    /// - Throws: ``SigV4Error/malformedCredential(_:)`` when a part is missing or empty, the date
    ///   is not eight digits, or the terminator is not `aws4_request`.
    public init(credential: String) throws(SigV4Error) {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[4] == "aws4_request",
              parts[0...3].allSatisfy({ !$0.isEmpty }),
              parts[1].utf8.count == 8, parts[1].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw .malformedCredential(credential)
        }
        self.init(accessKeyID: String(parts[0]), date: String(parts[1]), region: String(parts[2]), service: String(parts[3]))
    }

    /// `AKID/yyyyMMdd/region/service/aws4_request`.
    public var credentialString: String { "\(accessKeyID)/\(scopeString)" }

    /// `yyyyMMdd/region/service/aws4_request`, the third line of a string to sign.
    public var scopeString: String { "\(date)/\(region)/\(service)/aws4_request" }
}
