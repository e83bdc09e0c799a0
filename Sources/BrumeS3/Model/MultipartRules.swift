import BrumeWire
import Crypto
import Foundation

/// The rules that turn uploaded parts into an object.
enum MultipartRules {
    /// Every part but the last must be at least 5 MiB.
    static let minimumPartSize: Int64 = 5 * 1024 * 1024
    static let partNumbers = 1...10_000

    /// A part listed in CompleteMultipartUpload.
    struct ListedPart: Equatable {
        var partNumber: Int
        var etag: String
    }

    /// Reads `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>...`.
    static func listedParts(_ document: XMLTree) throws -> [ListedPart] {
        guard document.name == "CompleteMultipartUpload" else { throw S3Error.malformedXML }
        let parts = try document.children(named: "Part").map { part in
            guard let number = part.child("PartNumber").flatMap({ Int($0.text.trimmingCharacters(in: .whitespaces)) }),
                  let etag = part.child("ETag")?.text
            else { throw S3Error.malformedXML }
            return ListedPart(partNumber: number, etag: unquote(etag))
        }
        guard !parts.isEmpty else { throw S3Error.malformedXML }
        return parts
    }

    /// Matches the listed parts against the stored ones, in S3's order of checks.
    static func resolve(_ listed: [ListedPart], stored: [PartRecord]) throws -> [PartRecord] {
        for (previous, next) in zip(listed, listed.dropFirst()) where next.partNumber <= previous.partNumber {
            throw S3Error.invalidPartOrder
        }
        let byNumber = Dictionary(uniqueKeysWithValues: stored.map { ($0.partNumber, $0) })
        let parts = try listed.map { item in
            guard let part = byNumber[item.partNumber], part.etag == item.etag else {
                throw S3Error.invalidPart(
                    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
                )
            }
            return part
        }
        for part in parts.dropLast() where part.size < minimumPartSize {
            throw S3Error.entityTooSmall(proposedSize: part.size, minimum: minimumPartSize)
        }
        return parts
    }

    /// The ETag of a multipart object: MD5 of the parts' binary MD5s, then `-N`.
    static func etag(of parts: [PartRecord]) -> String {
        var md5 = Insecure.MD5()
        for part in parts { md5.update(data: hexBytes(part.etag)) }
        return Array(md5.finalize()).hexString + "-\(parts.count)"
    }

    /// A composite checksum: the algorithm over the parts' binary checksums, then `-N`.
    static func compositeChecksum(_ algorithm: ChecksumAlgorithm, of parts: [PartRecord]) -> String? {
        var hasher = ChecksumHasher(algorithm)
        for part in parts {
            guard let value = part.checksum, let bytes = Data(base64Encoded: value) else { return nil }
            hasher.update(bytes)
        }
        return hasher.base64() + "-\(parts.count)"
    }

    /// The checksum type an upload uses: the one asked for, or the algorithm's default
    /// (CRC64NVME is full-object only; SHA checksums are composite only).
    static func checksumType(algorithm: ChecksumAlgorithm?, requested: String?) throws -> String? {
        guard let algorithm else {
            if requested != nil {
                throw S3Error.invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
            }
            return nil
        }
        let type = requested?.uppercased() ?? (algorithm == .crc64nvme ? "FULL_OBJECT" : "COMPOSITE")
        switch (algorithm, type) {
        case (.crc64nvme, "FULL_OBJECT"), (.crc32, _), (.crc32c, _), (.sha1, "COMPOSITE"), (.sha256, "COMPOSITE"):
            guard type == "FULL_OBJECT" || type == "COMPOSITE" else { fallthrough }
            return type
        default:
            throw S3Error.invalidRequest("The \(type) checksum type cannot be used with the \(algorithm.rawValue.lowercased()) checksum algorithm.")
        }
    }

    static func unquote(_ etag: String) -> String {
        var value = etag.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        return value
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = hexValue(high), let l = hexValue(low) else { return [] }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
