import BrumeSigV4
import Foundation

/// The example credentials and requests of AWS's S3 SigV4 documentation
/// ("Examples: Signature Calculations in AWS Signature Version 4").
enum Fixtures {
    static let accessKey = "AKIAIOSFODNN7EXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20130524T000000Z"
    static let scope = SigV4Scope(accessKeyID: accessKey, date: "20130524", region: "us-east-1", service: "s3")
    static let emptyHash = SigV4.emptySHA256
    static let host = "examplebucket.s3.amazonaws.com"
    /// 2013-05-24T00:00:00Z.
    static let signingDate = Date(timeIntervalSince1970: 1_369_353_600)

    static let verifier = SigV4Verifier { $0 == accessKey ? secret : nil }

    static func authorization(signedHeaders: String, signature: String) -> String {
        "AWS4-HMAC-SHA256 Credential=\(accessKey)/20130524/us-east-1/s3/aws4_request,SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    /// GET Object with a Range header (virtual-hosted style).
    static let getObject = SigV4Request(
        method: "GET", path: "/test.txt",
        headers: [("Host", host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", emptyHash), ("x-amz-date", amzDate)],
        payloadHash: emptyHash
    )

    /// PUT Object of "Welcome to Amazon S3." to `test$file.text`.
    static let putObject = SigV4Request(
        method: "PUT", path: "/test$file.text",
        headers: [
            ("Host", host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", amzDate),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
        ],
        payloadHash: "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
    )

    /// GET Bucket lifecycle: `GET /?lifecycle`.
    static let getLifecycle = SigV4Request(
        method: "GET", path: "/", query: [("lifecycle", "")],
        headers: [("Host", host), ("x-amz-date", amzDate), ("x-amz-content-sha256", emptyHash)],
        payloadHash: emptyHash
    )

    /// List objects: `GET /?max-keys=2&prefix=J`.
    static let listObjects = SigV4Request(
        method: "GET", path: "/", query: [("max-keys", "2"), ("prefix", "J")],
        headers: [("Host", host), ("x-amz-date", amzDate), ("x-amz-content-sha256", emptyHash)],
        payloadHash: emptyHash
    )

    /// Presigned GET of `test.txt`, valid 86400 seconds.
    static let presignedQuery: [(name: String, value: String)] = [
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
        ("X-Amz-Date", "20130524T000000Z"),
        ("X-Amz-Expires", "86400"),
        ("X-Amz-SignedHeaders", "host"),
        ("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"),
    ]

    static func presignedGet(query: [(name: String, value: String)] = presignedQuery) -> SigV4Request {
        SigV4Request(method: "GET", path: "/test.txt", query: query, headers: [("Host", host)], payloadHash: SigV4.unsignedPayload)
    }

    /// The chunked upload (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) of 66560 bytes of `a`, path style.
    static let chunkedPut = SigV4Request(
        method: "PUT", path: "/examplebucket/chunkObject.txt",
        headers: [
            ("Host", "s3.amazonaws.com"), ("x-amz-date", amzDate), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", SigV4.streamingPayload), ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"), ("Content-Length", "66824"),
        ],
        payloadHash: SigV4.streamingPayload
    )
    static let chunkedSignedHeaders = "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class"

    /// The same upload with a signed CRC32C trailer (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`).
    static let trailerPut = SigV4Request(
        method: "PUT", path: "/examplebucket/chunkObject.txt",
        headers: [
            ("Host", "s3.amazonaws.com"), ("x-amz-date", amzDate), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", SigV4.streamingPayloadTrailer), ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"), ("x-amz-trailer", "x-amz-checksum-crc32c"),
            ("Content-Length", "66946"),
        ],
        payloadHash: SigV4.streamingPayloadTrailer
    )
    static let trailerSignedHeaders = "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer"
}
