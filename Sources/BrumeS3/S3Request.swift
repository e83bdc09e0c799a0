import BrumeEdge
import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An S3 request with its bucket and key resolved from the host (virtual-hosted style) or the
/// path (path style), and its query decoded.
struct S3Request {
    let request: Request
    let context: EdgeContext
    let bucket: String?
    let key: String?
    let query: QueryParameters

    var headers: HTTPFields { request.headers }
    var method: HTTPRequest.Method { request.method }

    init(_ request: Request, context: EdgeContext) throws {
        self.request = request
        self.context = context
        do {
            query = try QueryParameters(raw: request.uri.query)
        } catch {
            throw S3Error.invalidArgument("The query string is not valid percent-encoded UTF-8.")
        }
        guard let path = PercentEncoding.decode(request.uri.path) else {
            throw S3Error.invalidArgument("The request path is not valid percent-encoded UTF-8.")
        }
        let host = request.head.authority
        if let bucket = host.flatMap(Self.virtualHostedBucket) {
            self.bucket = bucket
            let key = String(path.dropFirst())
            self.key = key.isEmpty ? nil : key
        } else {
            let trimmed = path.dropFirst()
            let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let bucket = parts.first.map(String.init) ?? ""
            self.bucket = bucket.isEmpty ? nil : bucket
            let key = parts.count > 1 ? String(parts[1]) : ""
            self.key = key.isEmpty ? nil : key
        }
    }

    /// The bucket named by a virtual-hosted-style host: `bucket.s3.localhost`, `bucket.localhost`,
    /// `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com`, or nil for path style.
    static func virtualHostedBucket(_ host: String) -> String? {
        let name = (host.hasPrefix("[") ? host : String(host.split(separator: ":").first ?? "")).lowercased()
        for suffix in [".s3.localhost", ".localhost", ".s3.amazonaws.com"] where name.hasSuffix(suffix) {
            let bucket = String(name.dropLast(suffix.count))
            return bucket.isEmpty || bucket == "s3" ? nil : bucket
        }
        // bucket.s3.<region>.amazonaws.com and bucket.s3.<region>.localhost.localstack.cloud style hosts.
        if let range = name.range(of: ".s3."), name.hasSuffix(".amazonaws.com") || name.hasSuffix(".localhost.localstack.cloud") {
            let bucket = String(name[..<range.lowerBound])
            return bucket.isEmpty ? nil : bucket
        }
        return nil
    }

    /// The bucket, or the error S3 gives when a bucket operation has none.
    func requireBucket() throws -> String {
        guard let bucket else { throw S3Error.methodNotAllowed(method: method.rawValue, resource: "SERVICE") }
        return bucket
    }

    /// The key; callers only reach object operations when there is one.
    func requireKey() throws -> String {
        guard let key else { throw S3Error.methodNotAllowed(method: method.rawValue, resource: "BUCKET") }
        return key
    }

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// Collects a small XML request body and parses it; an empty body is `MalformedXML`.
    func xmlBody(limit: Int = 2 * 1024 * 1024) async throws -> XMLTree {
        guard let tree = try await optionalXMLBody(limit: limit) else { throw S3Error.malformedXML }
        return tree
    }

    /// Collects a small XML body that may be empty (CreateBucket's configuration).
    func optionalXMLBody(limit: Int = 2 * 1024 * 1024) async throws -> XMLTree? {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch where RequestLimit(error) != nil {
            // Past the limit: the edge answers `MaxMessageLengthExceeded`, as S3 does.
            throw error
        } catch {
            throw S3Error.malformedXML
        }
        try Self.verifyDigests(of: buffer, headers: headers)
        guard buffer.readableBytesView.contains(where: { !$0.isASCIIWhitespace }) else { return nil }
        do {
            return try XMLTree.parse(Data(buffer.readableBytesView))
        } catch {
            throw S3Error.malformedXML
        }
    }

    /// Checks `Content-MD5`, `x-amz-checksum-*` and `x-amz-content-sha256` of a collected body
    /// with the same rules as object bodies: a DeleteObjects or tagging request whose digest does
    /// not match is `BadDigest` and changes nothing.
    static func verifyDigests(of buffer: ByteBuffer, headers: HTTPFields) throws {
        let plan = try DigestPlan(headers: headers, defaultAlgorithm: nil)
        var digests = plan.makeDigests()
        buffer.withUnsafeReadableBytes { digests.update($0) }
        _ = try plan.verify(digests, trailers: [:])
    }

    /// The algorithm named by `x-amz-checksum-algorithm` (CopyObject, CreateMultipartUpload).
    func checksumAlgorithmHeader() throws -> ChecksumAlgorithm? {
        guard let name = headers[.amzChecksumAlgorithm] else { return nil }
        guard let algorithm = ChecksumAlgorithm(rawValue: name.uppercased()) else {
            throw S3Error.invalidRequest(
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
            )
        }
        return algorithm
    }
}


extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
