import BrumeSigV4
import BrumeStorage
import BrumeWire
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What a request body turned into: a committed blob and its digests.
struct ReceivedBody: Sendable {
    var blob: BlobID
    var size: Int64
    /// Hex MD5 of the bytes: the ETag of a single-part object or a part.
    var md5Hex: String
    /// The checksum S3 keeps: the one the client asked for, else the CRC64NVME S3 computes by default.
    var checksum: (algorithm: ChecksumAlgorithm, value: String)?
}

/// Streams a PUT body to a new blob while computing every digest the request asks to check.
///
/// The body is never held whole in memory. `aws-chunked` framing (what SDKs send with
/// trailing checksums or streaming signatures) is decoded on the fly. Nothing is committed
/// unless `Content-MD5`, the `x-amz-checksum-*` value (header or trailer), the
/// `x-amz-content-sha256` hash and the decoded length all match (and, with a ``chunkSigner``,
/// every chunk and trailer signature): a mismatched upload changes nothing.
struct BodyReceiver {
    let headers: HTTPFields
    let blobs: BlobStore
    /// The checksum to compute when the client names none: S3's default CRC64NVME for objects,
    /// the upload's algorithm for parts.
    var defaultChecksum: ChecksumAlgorithm? = .crc64nvme
    /// Largest body accepted (5 GiB for PutObject and UploadPart).
    var maximumSize: Int64 = 5 * 1024 * 1024 * 1024
    /// Verifies each chunk's `chunk-signature` of a signed `aws-chunked` body (strict mode).
    var chunkSigner: SigV4ChunkSigner?

    func receive(_ body: RequestBody) async throws -> ReceivedBody {
        let plan = try DigestPlan(headers: headers, defaultAlgorithm: defaultChecksum)
        if let length = headers[.contentLength].flatMap(Int64.init), length > maximumSize, plan.chunked == false {
            throw S3Error.entityTooLarge(proposedSize: length, maximum: maximumSize)
        }
        let writer = try blobs.makeWriter()
        do {
            var digests = plan.makeDigests()
            var decoder = plan.chunked ? AWSChunkedDecoder(expectsTrailers: plan.expectsTrailer) : nil
            var trailers: [String: String] = [:]
            var chunks = ChunkVerification(signer: chunkSigner)
            for try await buffer in body {
                if decoder == nil {
                    try buffer.withUnsafeReadableBytes { bytes in
                        try writer.write(bytes)
                        digests.update(bytes)
                    }
                } else {
                    let events = try decode(&decoder!, buffer.readableBytesView)
                    try consume(events, writer: writer, digests: &digests, trailers: &trailers, chunks: &chunks)
                }
                if writer.count > maximumSize {
                    throw S3Error.entityTooLarge(proposedSize: writer.count, maximum: maximumSize)
                }
            }
            if decoder != nil {
                let events = try finish(&decoder!)
                try consume(events, writer: writer, digests: &digests, trailers: &trailers, chunks: &chunks)
                if headers[.amzContentSHA256] == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" { try chunks.verifyTrailers() }
            }
            try plan.verifyLength(writer.count, headers: headers)
            let checksum = try plan.verify(digests, trailers: trailers)
            try await writer.commit()
            return ReceivedBody(blob: writer.id, size: writer.count, md5Hex: digests.md5Hex, checksum: checksum)
        } catch {
            writer.abort()
            throw error
        }
    }

    private func decode(_ decoder: inout AWSChunkedDecoder, _ bytes: some Collection<UInt8>) throws -> [AWSChunkedEvent] {
        do {
            return try decoder.feed(bytes)
        } catch {
            throw S3Error.incompleteBody
        }
    }

    private func finish(_ decoder: inout AWSChunkedDecoder) throws -> [AWSChunkedEvent] {
        do {
            return try decoder.finish()
        } catch {
            throw S3Error.incompleteBody
        }
    }

    private func consume(
        _ events: [AWSChunkedEvent], writer: BlobWriter, digests: inout BodyDigests, trailers: inout [String: String],
        chunks: inout ChunkVerification
    ) throws {
        for event in events {
            switch event {
            case .data(let bytes):
                try bytes.withUnsafeBytes { raw in
                    try writer.write(raw)
                    digests.update(raw)
                    chunks.update(raw)
                }
            case .trailer(let name, let value):
                trailers[name] = value
                chunks.trailer(name: name, value: value)
            case .chunkEnd(_, let signature):
                try chunks.endChunk(signature: signature)
            case .end:
                break
            }
        }
    }
}

/// The running check of a signed `aws-chunked` body: each chunk's signature chains from the
/// previous one, starting at the request's own signature.
struct ChunkVerification {
    var signer: SigV4ChunkSigner?
    private var hash = SHA256()
    /// The trailers in the order sent, which the trailer signature covers.
    private var trailers: [(name: String, value: String)] = []

    init(signer: SigV4ChunkSigner?) {
        self.signer = signer
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if signer != nil { hash.update(bufferPointer: bytes) }
    }

    mutating func endChunk(signature: String?) throws {
        guard signer != nil else { return }
        let digest = hash.finalize()
        hash = SHA256()
        guard let signature, signer!.verifyChunk(hash: digest, signature: signature) else {
            throw S3Error.signatureDoesNotMatch(
                stringToSign: "", canonicalRequest: "", accessKeyID: signer!.scope.accessKeyID, signature: signature ?? ""
            )
        }
    }

    mutating func trailer(name: String, value: String) {
        if signer != nil { trailers.append((name, value)) }
    }

    /// Checks `x-amz-trailer-signature`, which closes the chain of a `...-PAYLOAD-TRAILER` body.
    func verifyTrailers() throws {
        guard let signer else { return }
        let signature = trailers.last { $0.name == "x-amz-trailer-signature" }?.value
        guard let signature, signer.verifyTrailer(trailers, signature: signature) else {
            throw S3Error.signatureDoesNotMatch(
                stringToSign: "", canonicalRequest: "", accessKeyID: signer.scope.accessKeyID, signature: signature ?? ""
            )
        }
    }
}

/// Which digests a body needs, read from the request headers.
struct DigestPlan {
    var contentMD5: [UInt8]?
    var requestedAlgorithm: ChecksumAlgorithm?
    /// The checksum value from a header; nil when it comes in a trailer (or not at all).
    var headerChecksum: String?
    var expectsTrailer: Bool
    var chunked: Bool
    /// The hex SHA-256 the client signed, when it signed the payload itself.
    var contentSHA256: String?
    var defaultAlgorithm: ChecksumAlgorithm?

    /// Each algorithm's `x-amz-checksum-*` header name, parsed once rather than per request.
    static let checksumHeaders = ChecksumAlgorithm.allCases.map { ($0, HTTPField.Name($0.headerName)!) }

    init(headers: HTTPFields, defaultAlgorithm: ChecksumAlgorithm?) throws {
        if let md5 = headers[.contentMD5] {
            guard let data = Data(base64Encoded: md5), data.count == 16 else { throw S3Error.invalidDigest }
            contentMD5 = Array(data)
        }
        let contentSHA = headers[.amzContentSHA256]
        chunked = headers[.contentEncoding]?.lowercased().contains("aws-chunked") == true
            || contentSHA?.hasPrefix("STREAMING-") == true
        if let sha = contentSHA, sha.count == 64, sha.allSatisfy(\.isHexDigit) {
            contentSHA256 = sha.lowercased()
        }
        // An explicit x-amz-checksum-<algorithm> header names the algorithm and carries the value.
        var headerAlgorithm: ChecksumAlgorithm?
        for (algorithm, name) in Self.checksumHeaders {
            if let value = headers[name] {
                guard headerAlgorithm == nil else {
                    throw S3Error.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
                }
                headerAlgorithm = algorithm
                headerChecksum = value
            }
        }
        let trailer = headers[.amzTrailer].flatMap { ChecksumAlgorithm(headerName: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
        expectsTrailer = headers[.amzTrailer] != nil
        let sdkAlgorithm = try headers[.amzSDKChecksumAlgorithm].map { name in
            guard let algorithm = ChecksumAlgorithm(rawValue: name.uppercased()) else {
                throw S3Error.invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
            return algorithm
        }
        requestedAlgorithm = headerAlgorithm ?? trailer ?? sdkAlgorithm
        self.defaultAlgorithm = defaultAlgorithm
    }

    func makeDigests() -> BodyDigests {
        let checksumAlgorithm = requestedAlgorithm ?? defaultAlgorithm
        return BodyDigests(checksum: checksumAlgorithm.map(ChecksumHasher.init), sha256: contentSHA256 == nil ? nil : SHA256())
    }

    func verifyLength(_ count: Int64, headers: HTTPFields) throws {
        if chunked, let declared = headers[.amzDecodedContentLength].flatMap(Int64.init), declared != count {
            throw S3Error.incompleteBody
        }
    }

    /// Checks every digest the client supplied; returns the checksum to keep.
    func verify(_ digests: BodyDigests, trailers: [String: String]) throws -> (algorithm: ChecksumAlgorithm, value: String)? {
        if let contentMD5, contentMD5 != digests.md5Bytes {
            throw S3Error.badDigest("The Content-MD5 you specified did not match what we received.")
        }
        if let expected = contentSHA256, let computed = digests.sha256Hex, expected != computed {
            throw S3Error.contentSHA256Mismatch(client: expected, computed: computed)
        }
        guard let hasher = digests.checksum else { return nil }
        let computed = hasher.base64()
        if let algorithm = requestedAlgorithm {
            let supplied = headerChecksum ?? trailers[algorithm.headerName]
            if let supplied, supplied != computed {
                throw S3Error.badDigest("The \(algorithm.rawValue) you specified did not match the calculated checksum.")
            }
        }
        return (hasher.algorithm, computed)
    }
}

/// The running digests of a body.
struct BodyDigests {
    var md5 = Insecure.MD5()
    var checksum: ChecksumHasher?
    var sha256: SHA256?

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        md5.update(bufferPointer: bytes)
        checksum?.update(bytes)
        sha256?.update(bufferPointer: bytes)
    }

    private var md5Digest: Insecure.MD5Digest { md5.finalize() }
    var md5Bytes: [UInt8] { Array(md5Digest) }
    var md5Hex: String { md5Bytes.hexString }
    var sha256Hex: String? { sha256.map { Array($0.finalize()).hexString } }
}

extension Array where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(count * 2)
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension HTTPField.Name {
    static let contentMD5 = HTTPField.Name("Content-MD5")!
    static let amzContentSHA256 = HTTPField.Name("x-amz-content-sha256")!
    static let amzTrailer = HTTPField.Name("x-amz-trailer")!
    static let amzSDKChecksumAlgorithm = HTTPField.Name("x-amz-sdk-checksum-algorithm")!
    static let amzDecodedContentLength = HTTPField.Name("x-amz-decoded-content-length")!
    static let amzChecksumMode = HTTPField.Name("x-amz-checksum-mode")!
    static let amzCopySource = HTTPField.Name("x-amz-copy-source")!
    static let amzCopySourceRange = HTTPField.Name("x-amz-copy-source-range")!
    static let amzMetadataDirective = HTTPField.Name("x-amz-metadata-directive")!
    static let amzTaggingDirective = HTTPField.Name("x-amz-tagging-directive")!
    static let amzTagging = HTTPField.Name("x-amz-tagging")!
    static let amzStorageClass = HTTPField.Name("x-amz-storage-class")!
    static let amzChecksumAlgorithm = HTTPField.Name("x-amz-checksum-algorithm")!
    static let amzChecksumType = HTTPField.Name("x-amz-checksum-type")!
    static let amzObjectAttributes = HTTPField.Name("x-amz-object-attributes")!
    static let amzMaxParts = HTTPField.Name("x-amz-max-parts")!
    static let amzPartNumberMarker = HTTPField.Name("x-amz-part-number-marker")!
    static let amzACL = HTTPField.Name("x-amz-acl")!
    static let amzExpectedBucketOwner = HTTPField.Name("x-amz-expected-bucket-owner")!
    static let amzWebsiteRedirect = HTTPField.Name("x-amz-website-redirect-location")!
    static let amzCopySourceIfMatch = HTTPField.Name("x-amz-copy-source-if-match")!
    static let amzCopySourceIfNoneMatch = HTTPField.Name("x-amz-copy-source-if-none-match")!
    static let amzCopySourceIfModifiedSince = HTTPField.Name("x-amz-copy-source-if-modified-since")!
    static let amzCopySourceIfUnmodifiedSince = HTTPField.Name("x-amz-copy-source-if-unmodified-since")!
}
