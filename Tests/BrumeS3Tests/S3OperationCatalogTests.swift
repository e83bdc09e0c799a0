@testable import BrumeS3
import BrumeWire
import Testing

@Suite("S3 operation catalog")
struct S3OperationCatalogTests {
    static func identify(_ method: String, _ level: S3OperationCatalog.Level, _ query: String = "", headers: [String] = []) throws -> String? {
        S3OperationCatalog.identify(method: method, level: level, query: try QueryParameters(raw: query), hasHeader: headers.contains)
    }

    @Test("Requests are named as AWS names them", arguments: [
        ("GET", S3OperationCatalog.Level.service, "", [String](), "ListBuckets"),
        ("PUT", .bucket, "", [], "CreateBucket"),
        ("GET", .bucket, "", [], "ListObjects"),
        ("GET", .bucket, "list-type=2&prefix=a", [], "ListObjectsV2"),
        ("GET", .bucket, "uploads", [], "ListMultipartUploads"),
        ("GET", .bucket, "versions", [], "ListObjectVersions"),
        ("GET", .bucket, "lifecycle", [], "GetBucketLifecycleConfiguration"),
        ("POST", .bucket, "delete", [], "DeleteObjects"),
        ("PUT", .object, "", [], "PutObject"),
        ("PUT", .object, "", ["x-amz-copy-source"], "CopyObject"),
        ("PUT", .object, "partNumber=1&uploadId=u", [], "UploadPart"),
        ("PUT", .object, "partNumber=1&uploadId=u", ["x-amz-copy-source"], "UploadPartCopy"),
        ("GET", .object, "", [], "GetObject"),
        ("GET", .object, "partNumber=2", [], "GetObject"),
        ("GET", .object, "uploadId=u", [], "ListParts"),
        ("GET", .object, "attributes", [], "GetObjectAttributes"),
        ("GET", .object, "acl", [], "GetObjectAcl"),
        ("POST", .object, "uploads", [], "CreateMultipartUpload"),
        ("POST", .object, "uploadId=u", [], "CompleteMultipartUpload"),
        ("DELETE", .object, "uploadId=u", [], "AbortMultipartUpload"),
        ("DELETE", .object, "", [], "DeleteObject"),
        ("HEAD", .object, "", [], "HeadObject"),
    ])
    func names(method: String, level: S3OperationCatalog.Level, query: String, headers: [String], expected: String) throws {
        #expect(try Self.identify(method, level, query, headers: headers) == expected)
    }

    @Test("A request no operation has the shape of has no name")
    func unknownShapes() throws {
        #expect(try Self.identify("PATCH", .object) == nil)
        #expect(try Self.identify("DELETE", .service) == nil)
    }

    @Test("Every implemented handler names a real S3 operation")
    func handlersAreRealOperations() {
        let names = Set(S3OperationCatalog.bindings.map(\.name))
        for name in S3Service.handlers.keys { #expect(names.contains(name), "\(name)") }
    }
}
