import BrumeWire
import Crypto
import Foundation

/// Signature Version 2 query authentication (`AWSAccessKeyId`, `Expires`, `Signature`), the
/// form AWS CLI v1's `aws s3 presign` still produces by default.
///
/// The string to sign is `VERB\nContent-MD5\nContent-Type\nExpires\n<x-amz- headers><resource>`,
/// where the resource is `/bucket/key` as encoded on the wire plus the sub-resources S3 signs.
struct SigV2QueryAuthorization: Equatable {
    var accessKeyID: String
    var expires: Int
    var signature: String

    /// The query's V2 parameters, or nil when the request is not V2-presigned.
    init?(query: QueryParameters) {
        guard let key = query["AWSAccessKeyId"], let signature = query["Signature"] else { return nil }
        accessKeyID = key
        self.signature = signature
        expires = query["Expires"].flatMap(Int.init) ?? -1
    }

    /// Sub-resources that are part of the signed resource, in the order S3 sorts them.
    static let signedSubresources: Set<String> = [
        "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy",
        "requestPayment", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "response-content-language", "response-content-type", "response-expires", "restore", "tagging", "torrent",
        "uploadId", "uploads", "versionId", "versioning", "versions", "website", "attributes",
    ]

    /// The string the client signed.
    static func stringToSign(
        method: String, contentMD5: String?, contentType: String?, expires: Int,
        amzHeaders: [(name: String, value: String)], resource: String, query: QueryParameters
    ) -> String {
        let headers = amzHeaders
            .map { (name: $0.name.lowercased(), value: $0.value.trimmingCharacters(in: .whitespaces)) }
            .filter { $0.name.hasPrefix("x-amz-") }
            .sorted { $0.name < $1.name }
            .map { "\($0.name):\($0.value)\n" }
            .joined()
        let subresources = query.pairs
            .filter { signedSubresources.contains($0.name) }
            .sorted { $0.name < $1.name }
            .map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }
        let fullResource = subresources.isEmpty ? resource : resource + "?" + subresources.joined(separator: "&")
        return "\(method)\n\(contentMD5 ?? "")\n\(contentType ?? "")\n\(expires)\n\(headers)\(fullResource)"
    }

    /// Base64 HMAC-SHA1 of `stringToSign` with `secret`.
    static func signature(_ stringToSign: String, secret: String) -> String {
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(stringToSign.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }
}
