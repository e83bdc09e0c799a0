import BrumeWire
import Foundation
import Hummingbird

extension S3Service {
    /// ListParts with `max-parts` and `part-number-marker` pagination.
    func listParts(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let key = try request.requireKey()
        let uploadID = request.query["uploadId"] ?? ""
        let upload = try await store.upload(bucket: bucket, key: key, uploadID: uploadID)
        let maxParts = try request.query["max-parts"].map { try Self.integer($0, name: "max-parts", in: 0...1000) } ?? 1000
        let marker = try request.query["part-number-marker"].map { try Self.integer($0, name: "part-number-marker", in: 0...10_000) } ?? 0
        let fetched = try await store.parts(uploadID: uploadID, after: marker, limit: maxParts + 1)
        let page = Array(fetched.prefix(maxParts))
        let owner = request.context.caller.accountID
        let document = S3Response.document("ListPartsResult") { xml in
            xml.element("Bucket", bucket)
            xml.element("Key", key)
            xml.element("UploadId", uploadID)
            xml.element("PartNumberMarker", marker)
            if let last = page.last { xml.element("NextPartNumberMarker", last.partNumber) }
            xml.element("MaxParts", maxParts)
            xml.element("IsTruncated", fetched.count > page.count)
            for part in page {
                xml.element("Part") { xml in
                    xml.element("PartNumber", part.partNumber)
                    xml.element("LastModified", AWSTimestamp.iso8601(part.lastModified))
                    xml.element("ETag", "\"\(part.etag)\"")
                    xml.element("Size", part.size)
                    if let algorithm = upload.checksumAlgorithm, let value = part.checksum { xml.element("Checksum\(algorithm)", value) }
                }
            }
            Self.writeOwner("Initiator", owner, into: &xml)
            Self.writeOwner("Owner", owner, into: &xml)
            xml.element("StorageClass", upload.storageClass)
            xml.element("ChecksumAlgorithm", ifPresent: upload.checksumAlgorithm)
            xml.element("ChecksumType", ifPresent: upload.checksumType)
        }
        return S3Response.xml(document)
    }

    /// ListMultipartUploads with prefix, delimiter, key-marker/upload-id-marker and max-uploads.
    func listMultipartUploads(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let query = request.query
        let options = try ListingOptions(query)
        let maxUploads = try query["max-uploads"].map { try Self.integer($0, name: "max-uploads", in: 0...1000) } ?? 1000
        let keyMarker = query["key-marker"] ?? ""
        let uploadIDMarker = query["upload-id-marker"] ?? ""
        let all = try await store.uploads(bucket: bucket, prefix: options.prefix)
        var uploads: [UploadRecord] = []
        var prefixes: [String] = []
        var truncated = false
        for upload in all {
            let keyBytes = Array(upload.key.utf8), markerBytes = Array(keyMarker.utf8)
            if !keyMarker.isEmpty {
                if keyBytes.lexicographicallyPrecedes(markerBytes) { continue }
                if keyBytes == markerBytes && (uploadIDMarker.isEmpty || upload.uploadID <= uploadIDMarker) { continue }
            }
            if let delimiter = options.delimiter,
               let rolled = ObjectListing.rolledUpPrefix(keyBytes, prefix: Array(options.prefix.utf8), delimiter: Array(delimiter.utf8)) {
                let prefix = String(decoding: rolled, as: UTF8.self)
                if prefixes.last == prefix || (!keyMarker.isEmpty && !markerBytes.lexicographicallyPrecedes(rolled)) { continue }
                if uploads.count + prefixes.count == maxUploads { truncated = true; break }
                prefixes.append(prefix)
                continue
            }
            if uploads.count + prefixes.count == maxUploads { truncated = true; break }
            uploads.append(upload)
        }
        let owner = request.context.caller.accountID
        let document = S3Response.document("ListMultipartUploadsResult") { xml in
            xml.element("Bucket", bucket)
            xml.element("KeyMarker", options.encode(keyMarker))
            xml.element("UploadIdMarker", uploadIDMarker)
            if truncated {
                xml.element("NextKeyMarker", options.encode(uploads.last?.key ?? prefixes.last ?? ""))
                xml.element("NextUploadIdMarker", uploads.last?.uploadID ?? "")
            }
            if let delimiter = options.delimiter { xml.element("Delimiter", options.encode(delimiter)) }
            xml.element("Prefix", options.encode(options.prefix))
            xml.element("MaxUploads", maxUploads)
            if options.urlEncoding { xml.element("EncodingType", "url") }
            xml.element("IsTruncated", truncated)
            for upload in uploads {
                xml.element("Upload") { xml in
                    xml.element("Key", options.encode(upload.key))
                    xml.element("UploadId", upload.uploadID)
                    Self.writeOwner("Initiator", owner, into: &xml)
                    Self.writeOwner("Owner", owner, into: &xml)
                    xml.element("StorageClass", upload.storageClass)
                    xml.element("Initiated", AWSTimestamp.iso8601(upload.initiated))
                    xml.element("ChecksumAlgorithm", ifPresent: upload.checksumAlgorithm)
                    xml.element("ChecksumType", ifPresent: upload.checksumType)
                }
            }
            for prefix in prefixes {
                xml.element("CommonPrefixes") { xml in xml.element("Prefix", options.encode(prefix)) }
            }
        }
        return S3Response.xml(document)
    }

    static func writeOwner(_ element: String, _ accountID: String, into xml: inout XMLWriter) {
        xml.element(element) { xml in
            xml.element("ID", accountID)
            xml.element("DisplayName", "brume")
        }
    }
}
