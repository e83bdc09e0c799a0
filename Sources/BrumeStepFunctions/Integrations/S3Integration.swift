import BrumeEdge
import BrumeStates
import BrumeWire
import Foundation

/// The AWS SDK integration for S3 (`arn:aws:states:::aws-sdk:s3:getObject`, `putObject`): the
/// Parameters are the SDK's request members, sent as S3's REST calls (path style); the result is
/// the SDK's response members, with GetObject's Body as a string.
enum S3Integration {
    /// One REST request to S3.
    struct Call: Equatable {
        var method: String
        var path: String
        var headers: [Header]
        var body: [UInt8]
    }

    struct Header: Equatable {
        var name: String
        var value: String
    }

    /// A response member read from a header, and how its text becomes JSON.
    private struct Member {
        enum Kind { case string, integer, timestamp, boolean }
        var name: String
        var header: String
        var kind: Kind
    }

    /// Request members sent as headers (PutObject).
    private static let putHeaders: [(member: String, header: String)] = [
        ("CacheControl", "Cache-Control"), ("ContentDisposition", "Content-Disposition"), ("ContentEncoding", "Content-Encoding"),
        ("ContentLanguage", "Content-Language"), ("ContentType", "Content-Type"), ("ContentMD5", "Content-MD5"),
        ("Expires", "Expires"), ("StorageClass", "x-amz-storage-class"), ("Tagging", "x-amz-tagging"),
        ("ServerSideEncryption", "x-amz-server-side-encryption"), ("IfNoneMatch", "If-None-Match"), ("IfMatch", "If-Match"),
        ("ChecksumAlgorithm", "x-amz-sdk-checksum-algorithm"), ("WebsiteRedirectLocation", "x-amz-website-redirect-location"),
    ]

    /// Request members sent as headers (GetObject).
    private static let getHeaders: [(member: String, header: String)] = [
        ("Range", "Range"), ("IfMatch", "If-Match"), ("IfNoneMatch", "If-None-Match"),
        ("IfModifiedSince", "If-Modified-Since"), ("IfUnmodifiedSince", "If-Unmodified-Since"), ("ChecksumMode", "x-amz-checksum-mode"),
    ]

    private static let checksumMembers: [Member] = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"].map {
        Member(name: "Checksum\($0)", header: "x-amz-checksum-\($0.lowercased())", kind: .string)
    } + [Member(name: "ChecksumType", header: "x-amz-checksum-type", kind: .string)]

    /// PutObjectOutput's header members.
    private static let putResultMembers: [Member] = [
        Member(name: "ETag", header: "ETag", kind: .string),
        Member(name: "Expiration", header: "x-amz-expiration", kind: .string),
        Member(name: "ServerSideEncryption", header: "x-amz-server-side-encryption", kind: .string),
        Member(name: "VersionId", header: "x-amz-version-id", kind: .string),
        Member(name: "Size", header: "x-amz-object-size", kind: .integer),
    ] + checksumMembers

    /// GetObjectOutput's header members.
    private static let getResultMembers: [Member] = [
        Member(name: "AcceptRanges", header: "Accept-Ranges", kind: .string),
        Member(name: "CacheControl", header: "Cache-Control", kind: .string),
        Member(name: "ContentDisposition", header: "Content-Disposition", kind: .string),
        Member(name: "ContentEncoding", header: "Content-Encoding", kind: .string),
        Member(name: "ContentLanguage", header: "Content-Language", kind: .string),
        Member(name: "ContentLength", header: "Content-Length", kind: .integer),
        Member(name: "ContentRange", header: "Content-Range", kind: .string),
        Member(name: "ContentType", header: "Content-Type", kind: .string),
        Member(name: "DeleteMarker", header: "x-amz-delete-marker", kind: .boolean),
        Member(name: "ETag", header: "ETag", kind: .string),
        Member(name: "Expiration", header: "x-amz-expiration", kind: .string),
        Member(name: "Expires", header: "Expires", kind: .string),
        Member(name: "LastModified", header: "Last-Modified", kind: .timestamp),
        Member(name: "PartsCount", header: "x-amz-mp-parts-count", kind: .integer),
        Member(name: "ServerSideEncryption", header: "x-amz-server-side-encryption", kind: .string),
        Member(name: "StorageClass", header: "x-amz-storage-class", kind: .string),
        Member(name: "TagCount", header: "x-amz-tagging-count", kind: .integer),
        Member(name: "VersionId", header: "x-amz-version-id", kind: .string),
        Member(name: "WebsiteRedirectLocation", header: "x-amz-website-redirect-location", kind: .string),
    ] + checksumMembers

    /// The REST request for `operation` with the task's Parameters.
    static func request(_ operation: TaskIntegration.S3Operation, parameters: JSONValue) throws(StatesError) -> Call {
        guard let members = parameters.objectValue else {
            throw StatesError(StatesErrorName.runtime, "The Parameters of an S3 task must be an object")
        }
        guard let bucket = members["Bucket"]?.stringValue, !bucket.isEmpty else { throw missing("Bucket", operation) }
        guard let key = members["Key"]?.stringValue, !key.isEmpty else { throw missing("Key", operation) }
        let path = "/\(bucket)/\(key)"
        var headers: [Header] = []
        func addHeaders(_ table: [(member: String, header: String)]) {
            for (member, header) in table {
                guard let value = members[member] else { continue }
                headers.append(Header(name: header, value: value.stringValue ?? String(decoding: value.serialized, as: UTF8.self)))
            }
        }
        switch operation {
        case .getObject:
            addHeaders(getHeaders)
            return Call(method: "GET", path: path, headers: headers, body: [])
        case .putObject:
            addHeaders(putHeaders)
            for (name, value) in members["Metadata"]?.objectValue ?? [:] {
                headers.append(Header(name: "x-amz-meta-\(name)", value: value.stringValue ?? String(decoding: value.serialized, as: UTF8.self)))
            }
            let body: [UInt8] = switch members["Body"] {
            case nil: []
            case .string(let text)?: Array(text.utf8)
            case let value?: value.serialized
            }
            return Call(method: "PUT", path: path, headers: headers, body: body)
        }
    }

    /// The task result: the SDK's response members. GetObject's Body is the object's text.
    static func result(_ operation: TaskIntegration.S3Operation, _ response: EdgeClient.Response) -> JSONValue {
        var result: JSONObject = [:]
        for member in operation == .getObject ? getResultMembers : putResultMembers {
            guard let text = response.header(member.header) else { continue }
            switch member.kind {
            case .string: result[member.name] = .string(text)
            case .integer: result[member.name] = Int64(text).map(JSONValue.int) ?? .string(text)
            case .boolean: result[member.name] = .bool(text == "true")
            case .timestamp: result[member.name] = .string(timestamp(text))
            }
        }
        if operation == .getObject {
            var metadata: JSONObject = [:]
            for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
                metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = .string(value)
            }
            result["Metadata"] = .object(metadata)
            result["Body"] = .string(String(decoding: response.body, as: UTF8.self))
        }
        return .object(result)
    }

    /// The task error for an S3 error answer: `S3.<Code>Exception`, cause in the SDK's words.
    static func error(_ response: EdgeClient.Response) -> StatesError {
        let (code, message) = IntegrationError.xmlError(response.body, status: response.status)
        return StatesError(
            IntegrationError.name(prefix: "S3", code: code),
            "\(message) (Service: S3, Status Code: \(response.status), Request ID: \(IntegrationError.requestID(response)), "
                + "Extended Request ID: \(response.header("x-amz-id-2") ?? ""))"
        )
    }

    private static func missing(_ member: String, _ operation: TaskIntegration.S3Operation) -> StatesError {
        StatesError(StatesErrorName.taskFailed, "The \(operation.rawValue) call needs the parameter '\(member)'")
    }

    /// An HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`) as ISO 8601 (`2015-10-21T07:28:00Z`).
    ///
    /// S3 returns `Expires` as the writer sent it, which need not be a date; such text (like the
    /// SDKs' `ExpiresString`) is passed through unchanged rather than failing the task.
    private static func timestamp(_ httpDate: String) -> String {
        guard let date = AWSTimestamp.parseHTTPDate(httpDate) else { return httpDate }
        return String(AWSTimestamp.iso8601(date).prefix(19)) + "Z"
    }
}
