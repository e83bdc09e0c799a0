import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird

extension S3Service {
    /// CopyObject: metadata and tagging directives, copy-source conditions, and S3's refusal
    /// to copy an object onto itself without changing anything.
    func copyObject(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try ObjectKey.validate(key)
        let headers = request.headers
        let source = try CopySource(header: headers[.amzCopySource]!)
        try Self.checkVersionID(source.versionID)
        let original = try store.object(bucket: source.bucket, key: source.key)
        _ = try store.bucket(bucket)
        if case .preconditionFailed(let header) = CopySource.conditions(headers).evaluateForCopySource(
            etag: original.etag, lastModified: original.lastModified
        ) {
            throw S3Error.preconditionFailed(condition: header)
        }

        let metadataDirective = headers[.amzMetadataDirective] ?? "COPY"
        let taggingDirective = headers[.amzTaggingDirective] ?? "COPY"
        guard ["COPY", "REPLACE"].contains(metadataDirective) else {
            throw S3Error.invalidArgument("Unknown metadata directive.", name: "x-amz-metadata-directive", value: metadataDirective)
        }
        guard ["COPY", "REPLACE"].contains(taggingDirective) else {
            throw S3Error.invalidArgument("Unknown tagging directive.", name: "x-amz-tagging-directive", value: taggingDirective)
        }
        let requestedChecksum = try request.checksumAlgorithmHeader()
        let storageClass = headers[.amzStorageClass]
        if source.bucket == bucket, source.key == key, metadataDirective == "COPY", storageClass == nil,
           headers[.amzWebsiteRedirect] == nil, requestedChecksum == nil {
            throw S3Error.invalidRequest(
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }

        var details = metadataDirective == "REPLACE" ? try ObjectHeaders.details(from: headers) : original.details
        details.tags = taggingDirective == "REPLACE"
            ? try headers[.amzTagging].map { try TagSet.parse(header: $0, limit: TagSet.objectLimit) } ?? []
            : original.details.tags
        details.partCount = nil

        let object: ObjectRecord
        let segments = original.details.segments
        let keepsChecksum = requestedChecksum == nil && original.details.checksum?.type == "FULL_OBJECT"
        if segments.count == 1, original.details.partCount == nil, keepsChecksum {
            let blob = try await store.blobs.duplicate(segments[0].blob)
            details.segments = [Segment(blob: blob, size: original.size)]
            details.checksum = original.details.checksum
            object = ObjectRecord(
                bucket: bucket, key: key, size: original.size, etag: original.etag, lastModified: clock.now(),
                storageClass: storageClass ?? original.storageClass, details: details
            )
        } else {
            let algorithm = requestedChecksum ?? original.details.checksum.flatMap { ChecksumAlgorithm(rawValue: $0.algorithm) } ?? .crc64nvme
            let copy = try await BlobCopier(blobs: store.blobs).copy(segments: segments, start: 0, length: original.size, checksum: algorithm)
            details.segments = [Segment(blob: copy.blob, size: copy.size)]
            details.checksum = copy.checksum.map { ObjectChecksum(algorithm: $0.algorithm.rawValue, value: $0.value, type: "FULL_OBJECT") }
            object = ObjectRecord(
                bucket: bucket, key: key, size: copy.size, etag: copy.md5Hex, lastModified: clock.now(),
                storageClass: storageClass ?? original.storageClass, details: details
            )
        }
        do {
            try await store.putObject(object, condition: try Self.writeCondition(headers))
        } catch {
            await store.blobs.remove(details.segments.map(\.blob))
            throw error
        }
        try await notify("s3:ObjectCreated:Copy", request, bucket: bucket, object: .init(key: key, size: object.size, eTag: object.etag))
        let document = S3Response.document("CopyObjectResult") { xml in
            xml.element("ETag", object.quotedETag)
            xml.element("LastModified", AWSTimestamp.iso8601(object.lastModified))
            if let checksum = object.details.checksum {
                xml.element("ChecksumType", checksum.type)
                xml.element("Checksum\(checksum.algorithm)", checksum.value)
            }
        }
        var responseHeaders = HTTPFields()
        responseHeaders.set("x-amz-server-side-encryption", "AES256")
        return S3Response.xml(document, headers: responseHeaders)
    }
}
