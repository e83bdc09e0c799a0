@testable import BrumeS3
import Foundation
import Testing

@Suite("Object rules")
struct ObjectRulesTests {
    @Test("Bucket names", arguments: [
        ("my-bucket", true), ("a.b.c", true), ("abc", true), ("ab", false), (String(repeating: "a", count: 64), false),
        ("MyBucket", false), ("-abc", false), ("abc-", false), ("a..b", false), ("192.168.5.4", false),
        ("xn--abc", false), ("abc-s3alias", false), ("abc--ol-s3", false), ("under_score", false), ("sthree-x", false),
    ])
    func bucketNames(name: String, valid: Bool) {
        #expect(BucketName.isValid(name) == valid)
    }

    @Test("Range headers resolve as S3 serves them")
    func ranges() {
        #expect(ByteRange.resolve("bytes=0-4", size: 10) == .partial(.init(start: 0, end: 4)))
        #expect(ByteRange.resolve("bytes=5-", size: 10) == .partial(.init(start: 5, end: 9)))
        #expect(ByteRange.resolve("bytes=-3", size: 10) == .partial(.init(start: 7, end: 9)))
        #expect(ByteRange.resolve("bytes=-30", size: 10) == .partial(.init(start: 0, end: 9)))
        #expect(ByteRange.resolve("bytes=8-100", size: 10) == .partial(.init(start: 8, end: 9)))
        #expect(ByteRange.resolve("bytes=10-", size: 10) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-0", size: 0) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=5-2", size: 10) == .whole)
        #expect(ByteRange.resolve("bytes=0-1,4-5", size: 10) == .whole)
        #expect(ByteRange.resolve("items=0-1", size: 10) == .whole)
        #expect(ByteRange.resolve(nil, size: 10) == .whole)
    }

    @Test("Preconditions follow S3's precedence")
    func conditions() {
        let modified = Date(timeIntervalSince1970: 1_000_000)
        let before = modified.addingTimeInterval(-60), after = modified.addingTimeInterval(60)
        func outcome(_ conditions: ObjectConditions) -> ObjectConditions.Outcome {
            conditions.evaluate(etag: "abc", lastModified: modified)
        }
        #expect(outcome(.init(ifMatch: "\"abc\"")) == .proceed)
        #expect(outcome(.init(ifMatch: "\"xyz\"")) == .preconditionFailed("If-Match"))
        #expect(outcome(.init(ifMatch: "*")) == .proceed)
        #expect(outcome(.init(ifNoneMatch: "\"abc\"")) == .notModified)
        #expect(outcome(.init(ifModifiedSince: after)) == .notModified)
        #expect(outcome(.init(ifModifiedSince: before)) == .proceed)
        #expect(outcome(.init(ifUnmodifiedSince: before)) == .preconditionFailed("If-Unmodified-Since"))
        // If-Match holding overrides a failing If-Unmodified-Since.
        #expect(outcome(.init(ifMatch: "\"abc\"", ifUnmodifiedSince: before)) == .proceed)
        // A matching If-None-Match is 304 even when If-Modified-Since says modified.
        #expect(outcome(.init(ifNoneMatch: "\"abc\"", ifModifiedSince: before)) == .notModified)
        #expect(ObjectConditions(ifMatch: "\"xyz\"").evaluateForCopySource(etag: "abc", lastModified: modified)
            == .preconditionFailed("x-amz-copy-source-If-Match"))
    }

    @Test("Multipart completion checks order, existence and part sizes")
    func multipartRules() throws {
        let big = MultipartRules.minimumPartSize
        let blob = { BlobIDFixture.make($0) }
        let stored = [
            PartRecord(partNumber: 1, blob: blob(1), size: big, etag: "aa", lastModified: Date(), checksum: nil),
            PartRecord(partNumber: 2, blob: blob(2), size: 10, etag: "bb", lastModified: Date(), checksum: nil),
            PartRecord(partNumber: 3, blob: blob(3), size: 10, etag: "cc", lastModified: Date(), checksum: nil),
        ]
        #expect(try MultipartRules.resolve([.init(partNumber: 1, etag: "aa"), .init(partNumber: 2, etag: "bb")], stored: stored).count == 2)
        #expect(throws: S3Error.invalidPartOrder) {
            try MultipartRules.resolve([.init(partNumber: 2, etag: "bb"), .init(partNumber: 1, etag: "aa")], stored: stored)
        }
        #expect(throws: S3Error.self) { try MultipartRules.resolve([.init(partNumber: 1, etag: "zz")], stored: stored) }
        #expect(throws: S3Error.entityTooSmall(proposedSize: 10, minimum: big)) {
            try MultipartRules.resolve([.init(partNumber: 2, etag: "bb"), .init(partNumber: 3, etag: "cc")], stored: stored)
        }
    }

    @Test("A multipart ETag is the MD5 of the part MD5s with the part count")
    func multipartETag() {
        // Two parts whose MD5s are those of "a" and "b".
        let parts = [
            PartRecord(partNumber: 1, blob: BlobIDFixture.make(1), size: 1, etag: "0cc175b9c0f1b6a831c399e269772661", lastModified: Date(), checksum: nil),
            PartRecord(partNumber: 2, blob: BlobIDFixture.make(2), size: 1, etag: "92eb5ffee6ae2fec3ad71c777531578f", lastModified: Date(), checksum: nil),
        ]
        #expect(MultipartRules.etag(of: parts).hasSuffix("-2"))
        #expect(MultipartRules.etag(of: parts).count == 34)
    }

    @Test("Checksum types per algorithm")
    func checksumTypes() throws {
        #expect(try MultipartRules.checksumType(algorithm: .crc64nvme, requested: nil) == "FULL_OBJECT")
        #expect(try MultipartRules.checksumType(algorithm: .crc32, requested: nil) == "COMPOSITE")
        #expect(try MultipartRules.checksumType(algorithm: .crc32, requested: "FULL_OBJECT") == "FULL_OBJECT")
        #expect(throws: S3Error.self) { try MultipartRules.checksumType(algorithm: .sha256, requested: "FULL_OBJECT") }
        #expect(throws: S3Error.self) { try MultipartRules.checksumType(algorithm: .crc64nvme, requested: "COMPOSITE") }
    }

    @Test("Tag sets follow S3's limits")
    func tagSets() throws {
        #expect(try TagSet.parse(header: "a=1&b=x%20y", limit: 10) == [Tag(key: "a", value: "1"), Tag(key: "b", value: "x y")])
        #expect(throws: S3Error.self) { try TagSet.parse(header: "a=1&a=2", limit: 10) }
        #expect(throws: S3Error.self) { try TagSet.parse(header: (0..<11).map { "k\($0)=v" }.joined(separator: "&"), limit: 10) }
        #expect(throws: S3Error.self) { try TagSet.parse(header: "aws:x=1", limit: 10) }
    }

    @Test("Copy sources decode bucket, key and version")
    func copySource() throws {
        let source = try CopySource(header: "/bucket/dir/my%20file.txt?versionId=null")
        #expect(source.bucket == "bucket" && source.key == "dir/my file.txt" && source.versionID == "null")
        #expect(throws: S3Error.self) { try CopySource(header: "bucket-only") }
    }

    @Test("Virtual-hosted bucket names come from the host")
    func virtualHosts() {
        #expect(S3Request.virtualHostedBucket("photos.s3.localhost:4566") == "photos")
        #expect(S3Request.virtualHostedBucket("photos.localhost") == "photos")
        #expect(S3Request.virtualHostedBucket("photos.s3.us-west-2.amazonaws.com") == "photos")
        #expect(S3Request.virtualHostedBucket("s3.localhost:4566") == nil)
        #expect(S3Request.virtualHostedBucket("localhost:4566") == nil)
        #expect(S3Request.virtualHostedBucket("127.0.0.1:4566") == nil)
    }

    @Test("Segments are sliced across part boundaries")
    func slices() {
        let segments = [Segment(blob: BlobIDFixture.make(1), size: 10), Segment(blob: BlobIDFixture.make(2), size: 10)]
        #expect(BodySender.slices(of: segments, start: 5, length: 10) == [
            .init(blob: BlobIDFixture.make(1), offset: 5, length: 5), .init(blob: BlobIDFixture.make(2), offset: 0, length: 5),
        ])
        #expect(BodySender.slices(of: segments, start: 12, length: 3) == [.init(blob: BlobIDFixture.make(2), offset: 2, length: 3)])
    }
}

import BrumeStorage

enum BlobIDFixture {
    static func make(_ number: Int) -> BlobID {
        let hex = String(number, radix: 16)
        return BlobID(rawValue: String(repeating: "0", count: 32 - hex.count) + hex)!
    }
}

@Suite("Stored object details")
struct ObjectDetailsCodecTests {
    @Test("Every field round-trips, including tabs, newlines and backslashes in values")
    func roundTrip() throws {
        var details = ObjectDetails()
        details.headers = ["Content-Type": "text/plain", "Content-Disposition": "attachment; filename=\"a\tb.txt\""]
        details.metadata = ["note": "line1\nline2\\end", "empty": ""]
        details.tags = [Tag(key: "team", value: "data"), Tag(key: "path", value: "a/b c+d=e")]
        details.checksum = ObjectChecksum(algorithm: "CRC32", value: "DUoRhQ==-2", type: "COMPOSITE")
        details.segments = [
            Segment(blob: BlobIDFixture.make(1), size: 5_242_880, etag: "abc", checksum: "Zm9v"),
            Segment(blob: BlobIDFixture.make(2), size: 7, etag: nil, checksum: nil),
        ]
        details.partCount = 2
        #expect(try ObjectDetails(encoded: details.encoded()) == details)
        #expect(try ObjectDetails(encoded: ObjectDetails().encoded()) == ObjectDetails())
    }

    @Test("A damaged line is an error, not a silent default")
    func damaged() {
        #expect(throws: ObjectDetailsCodecError.self) { try ObjectDetails(encoded: "s\tnot-a-blob\t5\t-\t-") }
        #expect(throws: ObjectDetailsCodecError.self) { try ObjectDetails(encoded: "x\twhat") }
    }
}
