import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird

extension S3Service {
    func putObject(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try ObjectKey.validate(key)
        _ = try store.bucket(bucket)
        var details = try ObjectHeaders.details(from: request.headers)
        let condition = try Self.writeCondition(request.headers)
        let body = try await bodyReceiver(for: request).receive(request.request.body)
        details.segments = [Segment(blob: body.blob, size: body.size)]
        details.checksum = body.checksum.map { ObjectChecksum(algorithm: $0.algorithm.rawValue, value: $0.value, type: "FULL_OBJECT") }
        let object = ObjectRecord(
            bucket: bucket, key: key, size: body.size, etag: body.md5Hex, lastModified: clock.now(),
            storageClass: request.headers[.amzStorageClass] ?? "STANDARD", details: details
        )
        do {
            try await store.putObject(object, condition: condition)
        } catch {
            await store.blobs.remove([body.blob])
            throw error
        }
        try await notify("s3:ObjectCreated:Put", request, bucket: bucket, object: .init(key: key, size: object.size, eTag: object.etag))
        var headers = HTTPFields()
        headers[.eTag] = object.quotedETag
        headers.set("x-amz-server-side-encryption", "AES256")
        if let checksum = details.checksum {
            headers.set("x-amz-checksum-\(checksum.algorithm.lowercased())", checksum.value)
            headers.set("x-amz-checksum-type", checksum.type)
        }
        return S3Response.empty(headers: headers)
    }

    /// The `If-None-Match` / `If-Match` of a conditional write. S3 supports only `*` for
    /// `If-None-Match` on writes.
    static func writeCondition(_ headers: HTTPFields) throws -> WriteCondition {
        let condition = WriteCondition(ifNoneMatch: headers[.ifNoneMatch], ifMatch: headers[.ifMatch])
        if let value = condition.ifNoneMatch, value.trimmingCharacters(in: .whitespaces) != "*" {
            throw S3Error.notImplemented("If-None-Match with a value other than *")
        }
        return condition
    }
}
