import BrumeWire
import Foundation
import Hummingbird

extension S3Service {
    /// ListObjectsV2: prefix, delimiter, max-keys, continuation-token, start-after,
    /// fetch-owner and encoding-type=url.
    func listObjectsV2(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let query = request.query
        let options = try ListingOptions(query)
        var marker = query["start-after"].map { Array($0.utf8) }
        let token = query["continuation-token"]
        if let token {
            guard !token.isEmpty, let data = Data(base64Encoded: token) else {
                throw S3Error.invalidArgument("The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            marker = Array(data)
        }
        let listing = try await list(bucket: bucket, options: options, marker: marker)
        let document = S3Response.document("ListBucketResult") { xml in
            xml.element("Name", bucket)
            xml.element("Prefix", options.encode(options.prefix))
            xml.element("MaxKeys", options.maxKeys)
            if let delimiter = options.delimiter { xml.element("Delimiter", options.encode(delimiter)) }
            if options.urlEncoding { xml.element("EncodingType", "url") }
            xml.element("IsTruncated", listing.isTruncated)
            xml.element("KeyCount", listing.count)
            xml.element("ContinuationToken", ifPresent: token)
            if listing.isTruncated, let last = listing.lastReturned {
                xml.element("NextContinuationToken", Data(last).base64EncodedString())
            }
            if let startAfter = query["start-after"] { xml.element("StartAfter", options.encode(startAfter)) }
            write(listing, options: options, owner: query["fetch-owner"] == "true" ? request.context.caller.accountID : nil, into: &xml)
        }
        return S3Response.xml(document)
    }

    /// ListObjects (v1): prefix, delimiter, marker, max-keys and encoding-type=url; NextMarker
    /// only when a delimiter is given, as S3 does.
    func listObjectsV1(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        let query = request.query
        let options = try ListingOptions(query)
        let marker = query["marker"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let listing = try await list(bucket: bucket, options: options, marker: marker)
        let document = S3Response.document("ListBucketResult") { xml in
            xml.element("Name", bucket)
            xml.element("Prefix", options.encode(options.prefix))
            xml.element("Marker", options.encode(query["marker"] ?? ""))
            xml.element("MaxKeys", options.maxKeys)
            if let delimiter = options.delimiter { xml.element("Delimiter", options.encode(delimiter)) }
            if options.urlEncoding { xml.element("EncodingType", "url") }
            xml.element("IsTruncated", listing.isTruncated)
            if listing.isTruncated, options.delimiter != nil, let last = listing.lastReturned {
                xml.element("NextMarker", options.encode(String(decoding: last, as: UTF8.self)))
            }
            write(listing, options: options, owner: request.context.caller.accountID, into: &xml)
        }
        return S3Response.xml(document)
    }

    private func list(bucket: String, options: ListingOptions, marker: [UInt8]?) async throws -> ObjectListing {
        _ = try store.bucket(bucket)
        let listingQuery = ObjectListing.Query(
            prefix: Array(options.prefix.utf8), delimiter: options.delimiter.map { Array($0.utf8) },
            marker: marker, maxKeys: options.maxKeys
        )
        return try await ObjectListing.page(listingQuery) { cursor, prefix, limit in
            try await store.listEntries(bucket: bucket, cursor: cursor, prefix: prefix, limit: limit)
        }
    }

    private func write(_ listing: ObjectListing, options: ListingOptions, owner: String?, into xml: inout XMLWriter) {
        for entry in listing.contents {
            xml.element("Contents") { xml in
                xml.element("Key", options.encode(String(decoding: entry.key, as: UTF8.self)))
                xml.element("LastModified", AWSTimestamp.iso8601(Date(timeIntervalSince1970: entry.lastModified)))
                xml.element("ETag", "\"\(entry.etag)\"")
                if let algorithm = entry.checksumAlgorithm { xml.element("ChecksumAlgorithm", algorithm) }
                if let type = entry.checksumType { xml.element("ChecksumType", type) }
                xml.element("Size", entry.size)
                if let owner {
                    xml.element("Owner") { xml in
                        xml.element("ID", owner)
                        xml.element("DisplayName", "brume")
                    }
                }
                xml.element("StorageClass", entry.storageClass)
            }
        }
        for prefix in listing.commonPrefixes {
            xml.element("CommonPrefixes") { xml in
                xml.element("Prefix", options.encode(String(decoding: prefix, as: UTF8.self)))
            }
        }
    }
}

/// The query options both list versions share.
struct ListingOptions {
    var prefix: String
    var delimiter: String?
    var maxKeys: Int
    var urlEncoding: Bool

    init(_ query: QueryParameters) throws {
        prefix = query["prefix"] ?? ""
        delimiter = query["delimiter"].flatMap { $0.isEmpty ? nil : $0 }
        maxKeys = try query["max-keys"].map { text in
            guard let value = Int(text), value >= 0 else {
                throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range", name: "max-keys", value: text)
            }
            return min(value, 1000)
        } ?? 1000
        if let encoding = query["encoding-type"] {
            guard encoding == "url" else {
                throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", name: "encoding-type", value: encoding)
            }
            urlEncoding = true
        } else {
            urlEncoding = false
        }
    }

    /// A key or prefix as the response carries it: URL-encoded (keeping `/`) with `encoding-type=url`.
    func encode(_ value: String) -> String {
        urlEncoding ? PercentEncoding.encode(value, keepSlash: true) : value
    }
}
