import BrumeCore
import BrumeWire
import Foundation
import HTTPTypes
import Hummingbird

extension S3Service {
    func createBucket(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        guard BucketName.isValid(bucket) else { throw S3Error.invalidBucketName(bucket: bucket) }
        let endpointRegion = request.context.caller.region
        var constraint: String?
        if let configuration = try await request.optionalXMLBody() {
            guard configuration.name == "CreateBucketConfiguration" else { throw S3Error.malformedXML }
            constraint = configuration.child("LocationConstraint").map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        }
        let region = try Self.bucketRegion(constraint: constraint, endpointRegion: endpointRegion)
        if let acl = request.headers[.amzACL], !Self.cannedACLs.contains(acl) {
            throw S3Error.invalidArgument("", name: "x-amz-acl", value: acl)
        }
        try await store.createBucket(name: bucket, accountID: request.context.caller.accountID, region: region, now: clock.now())
        var headers = HTTPFields()
        headers[.location] = "/\(bucket)"
        return S3Response.empty(headers: headers)
    }

    func headBucket(_ request: S3Request) async throws -> Response {
        let bucket = try store.bucket(try request.requireBucket())
        var headers = HTTPFields()
        headers.set("x-amz-bucket-region", bucket.region)
        headers.set("x-amz-access-point-alias", "false")
        return S3Response.empty(headers: headers)
    }

    func deleteBucket(_ request: S3Request) async throws -> Response {
        try await store.deleteBucket(try request.requireBucket())
        return S3Response.empty(.noContent)
    }

    func listBuckets(_ request: S3Request) async throws -> Response {
        let caller = request.context.caller
        var buckets = try await store.buckets(accountID: caller.accountID)
        if let prefix = request.query["prefix"] { buckets = buckets.filter { $0.name.hasPrefix(prefix) } }
        if let region = request.query["bucket-region"] { buckets = buckets.filter { $0.region == region } }
        if let token = request.query["continuation-token"] { buckets = buckets.filter { $0.name > token } }
        let maxBuckets = try request.query["max-buckets"].map { try Self.integer($0, name: "max-buckets", in: 1...10_000) }
        let page = maxBuckets.map { Array(buckets.prefix($0)) } ?? buckets
        let truncated = page.count < buckets.count
        let document = S3Response.document("ListAllMyBucketsResult") { xml in
            xml.element("Owner") { xml in
                xml.element("ID", caller.accountID)
                xml.element("DisplayName", "brume")
            }
            xml.element("Buckets") { xml in
                for bucket in page {
                    xml.element("Bucket") { xml in
                        xml.element("Name", bucket.name)
                        xml.element("CreationDate", AWSTimestamp.iso8601(bucket.createdAt))
                        xml.element("BucketRegion", bucket.region)
                    }
                }
            }
            if truncated, let last = page.last { xml.element("ContinuationToken", last.name) }
            xml.element("Prefix", ifPresent: request.query["prefix"])
        }
        return S3Response.xml(document)
    }

    func getBucketLocation(_ request: S3Request) async throws -> Response {
        let bucket = try store.bucket(try request.requireBucket())
        var xml = XMLWriter()
        // us-east-1 buckets report an empty constraint, as S3 always has.
        xml.element("LocationConstraint", namespace: S3Response.xmlNamespace) { xml in
            if bucket.region != "us-east-1" { xml.characters(bucket.region) }
        }
        return S3Response.xml(xml)
    }

    func putBucketTagging(_ request: S3Request) async throws -> Response {
        let bucket = try request.requireBucket()
        _ = try store.bucket(bucket)
        let tags = try TagSet.parse(try await request.xmlBody(), limit: TagSet.bucketLimit)
        try await store.setBucketTags(bucket, tags: tags)
        return S3Response.empty(.noContent)
    }

    func getBucketTagging(_ request: S3Request) async throws -> Response {
        let bucket = try store.bucket(try request.requireBucket())
        guard let tags = bucket.tags else { throw S3Error.noSuchTagSet }
        return S3Response.xml(TagSet.document(tags))
    }

    func deleteBucketTagging(_ request: S3Request) async throws -> Response {
        try await store.setBucketTags(try request.requireBucket(), tags: nil)
        return S3Response.empty(.noContent)
    }

    /// The region a new bucket lives in. The us-east-1 endpoint is S3's global one and takes
    /// any other region's constraint; a regional endpoint takes only its own; "us-east-1" itself
    /// is never a valid constraint.
    static func bucketRegion(constraint: String?, endpointRegion: String) throws -> String {
        guard let constraint else {
            guard endpointRegion == "us-east-1" else {
                throw S3Error.illegalLocationConstraint(constraint: "unspecified", region: endpointRegion)
            }
            return endpointRegion
        }
        let region = constraint == "EU" ? "eu-west-1" : constraint
        guard RegionName.isValid(region), region != "us-east-1" else { throw S3Error.invalidLocationConstraint }
        guard endpointRegion == "us-east-1" || endpointRegion == region else {
            throw S3Error.illegalLocationConstraint(constraint: constraint, region: endpointRegion)
        }
        return region
    }

    static let cannedACLs: Set<String> = [
        "private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
        "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write",
    ]

    /// An integer query parameter within `range`, or S3's InvalidArgument.
    static func integer(_ text: String, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), value >= range.lowerBound else {
            throw S3Error.invalidArgument("Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return min(value, range.upperBound)
    }
}
