import HTTPTypes
import Hummingbird

extension S3Service {
    func putObjectTagging(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try Self.checkVersionID(request.query["versionId"])
        let object = try store.object(bucket: bucket, key: key)
        let tags = try TagSet.parse(try await request.xmlBody(), limit: TagSet.objectLimit)
        try await store.setObjectTags(bucket: bucket, key: key, tags: tags)
        try await notify("s3:ObjectTagging:Put", request, bucket: bucket, object: .init(key: key, size: object.size, eTag: object.etag))
        return S3Response.empty()
    }

    func getObjectTagging(_ request: S3Request) async throws -> Response {
        try Self.checkVersionID(request.query["versionId"])
        let object = try store.object(bucket: try request.requireBucket(), key: try request.requireKey())
        return S3Response.xml(TagSet.document(object.details.tags))
    }

    func deleteObjectTagging(_ request: S3Request) async throws -> Response {
        try Self.checkVersionID(request.query["versionId"])
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try await store.setObjectTags(bucket: bucket, key: key, tags: [])
        let object = try? store.object(bucket: bucket, key: key)
        try await notify("s3:ObjectTagging:Delete", request, bucket: bucket, object: .init(key: key, size: object?.size, eTag: object?.etag))
        return S3Response.empty(.noContent)
    }
}
