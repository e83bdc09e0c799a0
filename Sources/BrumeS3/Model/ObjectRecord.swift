import Foundation
import BrumeStorage

/// A tag on a bucket or an object.
struct Tag: Sendable, Codable, Equatable {
    var key: String
    var value: String
}

/// A bucket as stored.
struct BucketRecord: Sendable, Equatable {
    var name: String
    var accountID: String
    var region: String
    var createdAt: Date
    var tags: [Tag]?
}

/// An object's body on disk: one segment per blob, in order. A single PUT has one segment;
/// a completed multipart upload keeps its parts as segments rather than copying them.
struct Segment: Sendable, Equatable {
    var blob: BlobID
    var size: Int64
    /// The part's ETag (without quotes), for multipart objects.
    var etag: String?
    /// The part's checksum (base64), when the upload used one.
    var checksum: String?
}

/// The checksum S3 keeps for an object.
struct ObjectChecksum: Sendable, Equatable {
    /// `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1` or `SHA256`.
    var algorithm: String
    /// The base64 value; for a composite multipart checksum it ends in `-N`.
    var value: String
    /// `FULL_OBJECT` or `COMPOSITE`.
    var type: String
}

/// Everything about an object that is not needed to list it.
struct ObjectDetails: Sendable, Equatable {
    /// `Content-Type`, `Content-Encoding`, `Content-Disposition`, `Content-Language`,
    /// `Cache-Control`, `Expires`, `x-amz-website-redirect-location` as sent.
    var headers: [String: String] = [:]
    /// User metadata (`x-amz-meta-*`), lowercased names without the prefix.
    var metadata: [String: String] = [:]
    var checksum: ObjectChecksum?
    var tags: [Tag] = []
    var segments: [Segment] = []
    /// The number of parts for an object made by a multipart upload.
    var partCount: Int?
}

/// One object version as stored.
struct ObjectRecord: Sendable, Equatable {
    var bucket: String
    var key: String
    var size: Int64
    /// The entity tag without quotes.
    var etag: String
    var lastModified: Date
    var storageClass: String
    var details: ObjectDetails

    var quotedETag: String { "\"\(etag)\"" }
}

/// A multipart upload in progress.
struct UploadRecord: Sendable, Equatable {
    var uploadID: String
    var bucket: String
    var key: String
    var initiated: Date
    var storageClass: String
    /// Headers, metadata, tags and checksum algorithm given at creation, applied at completion.
    var details: ObjectDetails
    /// The checksum algorithm chosen at creation, if any.
    var checksumAlgorithm: String?
    /// `COMPOSITE` or `FULL_OBJECT`.
    var checksumType: String?
}

/// One uploaded part.
struct PartRecord: Sendable, Equatable {
    var partNumber: Int
    var blob: BlobID
    var size: Int64
    var etag: String
    var lastModified: Date
    var checksum: String?
}
