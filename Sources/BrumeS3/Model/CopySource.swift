import BrumeWire
import HTTPTypes

/// The object an `x-amz-copy-source` header names: `bucket/key` or `/bucket/key`,
/// URL-encoded, optionally with `?versionId=`.
struct CopySource: Equatable {
    var bucket: String
    var key: String
    var versionID: String?

    init(header: String) throws {
        var text = Substring(header)
        var version: String?
        if let question = text.firstIndex(of: "?") {
            let query = try? QueryParameters(raw: String(text[text.index(after: question)...]))
            version = query?["versionId"]
            text = text[..<question]
        }
        guard let decoded = PercentEncoding.decode(text) else {
            throw S3Error.invalidArgument("Invalid copy source encoding", name: "x-amz-copy-source", value: header)
        }
        let path = decoded.hasPrefix("/") ? decoded.dropFirst() : Substring(decoded)
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw S3Error.invalidArgument("Invalid copy source object key", name: "x-amz-copy-source", value: header)
        }
        bucket = String(parts[0])
        key = String(parts[1])
        versionID = version
    }

    /// The `x-amz-copy-source-if-*` conditions.
    static func conditions(_ headers: HTTPFields) -> ObjectConditions {
        ObjectConditions(
            ifMatch: headers[.amzCopySourceIfMatch], ifNoneMatch: headers[.amzCopySourceIfNoneMatch],
            ifModifiedSince: headers[.amzCopySourceIfModifiedSince].flatMap(AWSTimestamp.parseHTTPDate),
            ifUnmodifiedSince: headers[.amzCopySourceIfUnmodifiedSince].flatMap(AWSTimestamp.parseHTTPDate)
        )
    }
}
