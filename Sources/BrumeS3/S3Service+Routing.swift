import Hummingbird

extension S3Service {
    /// The operations Brume implements, by AWS operation name.
    static let handlers: [String: @Sendable (S3Service) -> (S3Request) async throws -> Response] = [
        "ListBuckets": S3Service.listBuckets,
        "CreateBucket": S3Service.createBucket,
        "HeadBucket": S3Service.headBucket,
        "DeleteBucket": S3Service.deleteBucket,
        "GetBucketLocation": S3Service.getBucketLocation,
        "PutBucketTagging": S3Service.putBucketTagging,
        "GetBucketTagging": S3Service.getBucketTagging,
        "DeleteBucketTagging": S3Service.deleteBucketTagging,
        "ListObjects": S3Service.listObjectsV1,
        "ListObjectsV2": S3Service.listObjectsV2,
        "PutObject": S3Service.putObject,
        "GetObject": S3Service.getObject,
        "HeadObject": S3Service.headObject,
        "DeleteObject": S3Service.deleteObject,
        "DeleteObjects": S3Service.deleteObjects,
        "CopyObject": S3Service.copyObject,
        "PutObjectTagging": S3Service.putObjectTagging,
        "GetObjectTagging": S3Service.getObjectTagging,
        "DeleteObjectTagging": S3Service.deleteObjectTagging,
        "GetObjectAttributes": S3Service.getObjectAttributes,
        "CreateMultipartUpload": S3Service.createMultipartUpload,
        "UploadPart": S3Service.uploadPart,
        "UploadPartCopy": S3Service.uploadPartCopy,
        "CompleteMultipartUpload": S3Service.completeMultipartUpload,
        "AbortMultipartUpload": S3Service.abortMultipartUpload,
        "ListParts": S3Service.listParts,
        "ListMultipartUploads": S3Service.listMultipartUploads,
        "PutBucketNotificationConfiguration": S3Service.putBucketNotificationConfiguration,
        "GetBucketNotificationConfiguration": S3Service.getBucketNotificationConfiguration,
    ]

    /// Names the request's AWS operation and runs it; an operation Brume does not implement is
    /// `NotImplemented` naming it, and a request no operation has the shape of is
    /// `MethodNotAllowed`, as S3 answers it.
    func route(_ request: S3Request) async throws -> Response {
        let level: S3OperationCatalog.Level = request.bucket == nil ? .service : (request.key == nil ? .bucket : .object)
        let operation = S3OperationCatalog.identify(
            method: request.method.rawValue, level: level, query: request.query,
            hasHeader: { request.header($0) != nil }
        )
        guard let operation else {
            let resource = switch level {
            case .service: "SERVICE"
            case .bucket: "BUCKET"
            case .object: "OBJECT"
            }
            throw S3Error.methodNotAllowed(method: request.method.rawValue, resource: resource)
        }
        request.context.logger.debug("S3 \(operation)")
        guard let handler = Self.handlers[operation] else { throw S3Error.notImplemented(operation) }
        return try await handler(self)(request)
    }
}
