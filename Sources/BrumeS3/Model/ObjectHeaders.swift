import BrumeWire
import Foundation
import HTTPTypes

/// The object headers S3 stores with an object and returns on GET and HEAD.
enum ObjectHeaders {
    /// Standard headers kept as sent.
    static let stored = [
        "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires",
        "x-amz-website-redirect-location",
    ]

    /// The stored headers' names, parsed once for the GET path.
    static let storedNames = Dictionary(uniqueKeysWithValues: stored.map { ($0, HTTPField.Name($0)!) })

    /// The `response-*` query overrides a GET may use, and the header each replaces.
    static let responseOverrides = [
        ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"), ("response-content-encoding", "Content-Encoding"),
    ]

    /// User metadata together may not exceed 2 KB (names and values, as S3 counts them).
    static let metadataLimit = 2048

    /// Reads stored headers and `x-amz-meta-*` from a request.
    static func details(from headers: HTTPFields) throws -> ObjectDetails {
        var details = ObjectDetails()
        for name in stored {
            if var value = headers[HTTPField.Name(name)!] {
                // aws-chunked is transfer framing, not a property of the object.
                if name == "Content-Encoding" {
                    value = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { $0.lowercased() != "aws-chunked" }.joined(separator: ",")
                    if value.isEmpty { continue }
                }
                details.headers[name] = value
            }
        }
        if details.headers["Content-Type"] == nil { details.headers["Content-Type"] = "binary/octet-stream" }
        var metadataSize = 0
        for field in headers {
            let name = field.name.canonicalName
            guard name.hasPrefix("x-amz-meta-") else { continue }
            let key = String(name.dropFirst("x-amz-meta-".count))
            // Several headers with one name are joined with commas, as HTTP allows.
            details.metadata[key] = details.metadata[key].map { "\($0),\(field.value)" } ?? field.value
            metadataSize += key.utf8.count + field.value.utf8.count
        }
        if metadataSize > metadataLimit {
            throw S3Error.metadataTooLarge(size: metadataSize, limit: metadataLimit)
        }
        if let tagging = headers[.amzTagging] {
            details.tags = try TagSet.parse(header: tagging, limit: TagSet.objectLimit)
        }
        if let storageClass = headers[.amzStorageClass], !storageClasses.contains(storageClass) {
            throw S3Error.invalidStorageClass
        }
        return details
    }

    static let storageClasses: Set<String> = [
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
        "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
    ]

    /// The headers of a GET or HEAD response for `object`.
    static func response(for object: ObjectRecord, checksumMode: Bool, query: QueryParameters) -> HTTPFields {
        var fields = HTTPFields()
        fields[.eTag] = object.quotedETag
        fields[.lastModified] = AWSTimestamp.httpDate(object.lastModified)
        fields[.acceptRanges] = "bytes"
        for (name, value) in object.details.headers {
            if let field = storedNames[name] ?? HTTPField.Name(name) { fields[field] = value }
        }
        for (parameter, header) in responseOverrides {
            if let value = query[parameter] { fields[HTTPField.Name(header)!] = value }
        }
        for (key, value) in object.details.metadata.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name("x-amz-meta-\(key)") { fields[name] = value }
        }
        if !object.details.tags.isEmpty { fields.set("x-amz-tagging-count", String(object.details.tags.count)) }
        if object.storageClass != "STANDARD" { fields.set("x-amz-storage-class", object.storageClass) }
        if let parts = object.details.partCount, query["partNumber"] != nil { fields.set("x-amz-mp-parts-count", String(parts)) }
        if checksumMode, let checksum = object.details.checksum {
            fields.set("x-amz-checksum-\(checksum.algorithm.lowercased())", checksum.value)
            fields.set("x-amz-checksum-type", checksum.type)
        }
        fields.set("x-amz-server-side-encryption", "AES256")
        return fields
    }
}
