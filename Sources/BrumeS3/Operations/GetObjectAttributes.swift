import BrumeWire
import HTTPTypes
import Hummingbird

extension S3Service {
    /// GetObjectAttributes: the attributes named in `x-amz-object-attributes`, with parts
    /// paginated by `x-amz-max-parts` and `x-amz-part-number-marker`.
    func getObjectAttributes(_ request: S3Request) async throws -> Response {
        try Self.checkVersionID(request.query["versionId"])
        let object = try store.object(bucket: try request.requireBucket(), key: try request.requireKey())
        let requested = Set((request.headers[.amzObjectAttributes] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
        let known: Set<String> = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]
        guard !requested.isEmpty, requested.isSubset(of: known) else {
            throw S3Error.invalidArgument("Invalid attribute name specified.", name: "x-amz-object-attributes")
        }
        let maxParts = try request.headers[.amzMaxParts].map { try Self.integer($0, name: "x-amz-max-parts", in: 0...1000) } ?? 1000
        let marker = try request.headers[.amzPartNumberMarker].map { try Self.integer($0, name: "x-amz-part-number-marker", in: 0...10_000) } ?? 0
        let checksum = object.details.checksum
        let document = S3Response.document("GetObjectAttributesResponse") { xml in
            if requested.contains("ETag") { xml.element("ETag", object.etag) }
            if requested.contains("Checksum"), let checksum {
                xml.element("Checksum") { xml in
                    xml.element("Checksum\(checksum.algorithm)", checksum.value)
                    xml.element("ChecksumType", checksum.type)
                }
            }
            if requested.contains("ObjectParts"), let partCount = object.details.partCount {
                let parts = Array(object.details.segments.enumerated().dropFirst(marker).prefix(maxParts))
                xml.element("ObjectParts") { xml in
                    xml.element("PartsCount", partCount)
                    xml.element("PartNumberMarker", marker)
                    xml.element("NextPartNumberMarker", (parts.last?.offset ?? (marker - 1)) + 1)
                    xml.element("MaxParts", maxParts)
                    xml.element("IsTruncated", marker + parts.count < partCount)
                    for (index, segment) in parts {
                        xml.element("Part") { xml in
                            xml.element("PartNumber", index + 1)
                            xml.element("Size", segment.size)
                            if let value = segment.checksum, let checksum { xml.element("Checksum\(checksum.algorithm)", value) }
                        }
                    }
                }
            }
            if requested.contains("StorageClass") { xml.element("StorageClass", object.storageClass) }
            if requested.contains("ObjectSize") { xml.element("ObjectSize", object.size) }
        }
        var headers = HTTPFields()
        headers[.lastModified] = AWSTimestamp.httpDate(object.lastModified)
        return S3Response.xml(document, headers: headers)
    }
}
