import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird

extension S3Service {
    func createMultipartUpload(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        try ObjectKey.validate(key)
        let headers = request.headers
        let details = try ObjectHeaders.details(from: headers)
        let algorithm = try request.checksumAlgorithmHeader()
        let checksumType = try MultipartRules.checksumType(algorithm: algorithm, requested: headers[.amzChecksumType])
        let upload = UploadRecord(
            uploadID: Self.newUploadID(), bucket: bucket, key: key, initiated: clock.now(),
            storageClass: headers[.amzStorageClass] ?? "STANDARD", details: details,
            checksumAlgorithm: algorithm?.rawValue, checksumType: checksumType
        )
        try await store.createUpload(upload)
        var responseHeaders = HTTPFields()
        responseHeaders.set("x-amz-checksum-algorithm", upload.checksumAlgorithm)
        responseHeaders.set("x-amz-checksum-type", upload.checksumType)
        let document = S3Response.document("InitiateMultipartUploadResult") { xml in
            xml.element("Bucket", bucket)
            xml.element("Key", key)
            xml.element("UploadId", upload.uploadID)
        }
        return S3Response.xml(document, headers: responseHeaders)
    }

    func uploadPart(_ request: S3Request) async throws -> Response {
        let (upload, partNumber) = try await partTarget(request)
        let algorithm = upload.checksumAlgorithm.flatMap(ChecksumAlgorithm.init(rawValue:))
        var receiver = bodyReceiver(for: request)
        receiver.defaultChecksum = algorithm
        let body = try await receiver.receive(request.request.body)
        if let algorithm, body.checksum?.algorithm != algorithm {
            await store.blobs.remove([body.blob])
            throw S3Error.invalidRequest(
                "Checksum Type mismatch occurred, expected checksum Type: \(algorithm.rawValue.lowercased()), actual checksum Type: \(body.checksum?.algorithm.rawValue.lowercased() ?? "null")"
            )
        }
        let part = PartRecord(
            partNumber: partNumber, blob: body.blob, size: body.size, etag: body.md5Hex, lastModified: clock.now(),
            checksum: algorithm == nil ? nil : body.checksum?.value
        )
        do {
            try await store.putPart(bucket: upload.bucket, key: upload.key, uploadID: upload.uploadID, part: part)
        } catch {
            await store.blobs.remove([body.blob])
            throw error
        }
        var headers = HTTPFields()
        headers[.eTag] = "\"\(part.etag)\""
        headers.set("x-amz-server-side-encryption", "AES256")
        if let algorithm, let value = part.checksum { headers.set(algorithm.headerName, value) }
        return S3Response.empty(headers: headers)
    }

    func uploadPartCopy(_ request: S3Request) async throws -> Response {
        let (upload, partNumber) = try await partTarget(request)
        let headers = request.headers
        let source = try CopySource(header: headers[.amzCopySource]!)
        try Self.checkVersionID(source.versionID)
        let original = try store.object(bucket: source.bucket, key: source.key)
        if case .preconditionFailed(let header) = CopySource.conditions(headers).evaluateForCopySource(
            etag: original.etag, lastModified: original.lastModified
        ) {
            throw S3Error.preconditionFailed(condition: header)
        }
        var range = ByteRange(start: 0, end: original.size - 1)
        if let text = headers[.amzCopySourceRange] {
            guard let requested = ByteRange.copySourceRange(text), requested.end < original.size else {
                throw S3Error.invalidArgument(
                    "Range specified is not valid for source object of size: \(original.size)",
                    name: "x-amz-copy-source-range", value: text
                )
            }
            range = requested
        }
        let algorithm = upload.checksumAlgorithm.flatMap(ChecksumAlgorithm.init(rawValue:))
        let copy = try await BlobCopier(blobs: store.blobs).copy(
            segments: original.details.segments, start: range.start, length: max(0, range.length), checksum: algorithm
        )
        let part = PartRecord(
            partNumber: partNumber, blob: copy.blob, size: copy.size, etag: copy.md5Hex, lastModified: clock.now(),
            checksum: copy.checksum?.value
        )
        do {
            try await store.putPart(bucket: upload.bucket, key: upload.key, uploadID: upload.uploadID, part: part)
        } catch {
            await store.blobs.remove([copy.blob])
            throw error
        }
        let document = S3Response.document("CopyPartResult") { xml in
            xml.element("ETag", "\"\(part.etag)\"")
            xml.element("LastModified", AWSTimestamp.iso8601(part.lastModified))
            if let algorithm, let value = part.checksum { xml.element("Checksum\(algorithm.rawValue)", value) }
        }
        return S3Response.xml(document)
    }

    func completeMultipartUpload(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        let uploadID = request.query["uploadId"] ?? ""
        let upload = try await store.upload(bucket: bucket, key: key, uploadID: uploadID)
        let listed = try MultipartRules.listedParts(try await request.xmlBody())
        let parts = try MultipartRules.resolve(listed, stored: try await store.parts(uploadID: uploadID))
        let condition = try Self.writeCondition(request.headers)

        var details = upload.details
        details.segments = parts.map { Segment(blob: $0.blob, size: $0.size, etag: $0.etag, checksum: $0.checksum) }
        details.partCount = parts.count
        details.checksum = try await completedChecksum(upload, parts: parts, segments: details.segments)
        let size = parts.reduce(Int64(0)) { $0 + $1.size }
        let object = ObjectRecord(
            bucket: bucket, key: key, size: size, etag: MultipartRules.etag(of: parts), lastModified: clock.now(),
            storageClass: upload.storageClass, details: details
        )
        try await store.completeUpload(upload, object: object, usedParts: parts, condition: condition)
        try await notify("s3:ObjectCreated:CompleteMultipartUpload", request, bucket: bucket, object: .init(key: key, size: size, eTag: object.etag))
        let location = "http://\(request.request.head.authority ?? "localhost")/\(bucket)/\(PercentEncoding.encode(key, keepSlash: true))"
        let document = S3Response.document("CompleteMultipartUploadResult") { xml in
            xml.element("Location", location)
            xml.element("Bucket", bucket)
            xml.element("Key", key)
            xml.element("ETag", object.quotedETag)
            if let checksum = details.checksum {
                xml.element("Checksum\(checksum.algorithm)", checksum.value)
                xml.element("ChecksumType", checksum.type)
            }
        }
        var headers = HTTPFields()
        headers.set("x-amz-server-side-encryption", "AES256")
        return S3Response.xml(document, headers: headers)
    }

    func abortMultipartUpload(_ request: S3Request) async throws -> Response {
        try await store.abortUpload(
            bucket: try request.requireBucket(), key: try request.requireKey(), uploadID: request.query["uploadId"] ?? ""
        )
        return S3Response.empty(.noContent)
    }

    /// The object checksum of a completed upload: composite over the parts' checksums, or a
    /// full-object checksum (the upload's algorithm, else S3's default CRC64NVME) computed over
    /// the assembled bytes.
    private func completedChecksum(_ upload: UploadRecord, parts: [PartRecord], segments: [Segment]) async throws -> ObjectChecksum? {
        let algorithm = upload.checksumAlgorithm.flatMap(ChecksumAlgorithm.init(rawValue:))
        if let algorithm, upload.checksumType == "COMPOSITE" {
            return MultipartRules.compositeChecksum(algorithm, of: parts).map {
                ObjectChecksum(algorithm: algorithm.rawValue, value: $0, type: "COMPOSITE")
            }
        }
        let fullAlgorithm = algorithm ?? .crc64nvme
        var hasher = ChecksumHasher(fullAlgorithm)
        let sender = BodySender(blobs: store.blobs)
        let total = segments.reduce(Int64(0)) { $0 + $1.size }
        var offset: Int64 = 0
        while offset < total {
            let count = min(Int64(BodySender.chunkSize) * 8, total - offset)
            let buffer = try sender.bytes(segments: segments, start: offset, length: count)
            buffer.withUnsafeReadableBytes { hasher.update($0) }
            offset += count
        }
        return ObjectChecksum(algorithm: fullAlgorithm.rawValue, value: hasher.base64(), type: "FULL_OBJECT")
    }

    /// The upload and part number of an UploadPart or UploadPartCopy request.
    private func partTarget(_ request: S3Request) async throws -> (UploadRecord, Int) {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        let text = request.query["partNumber"] ?? ""
        guard let partNumber = Int(text), MultipartRules.partNumbers.contains(partNumber) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: text)
        }
        let upload = try await store.upload(bucket: bucket, key: key, uploadID: request.query["uploadId"] ?? "")
        return (upload, partNumber)
    }

    static func newUploadID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: ".").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
