/// A checksum algorithm S3 accepts in `x-amz-checksum-*` headers and trailers.
///
/// Values travel as the base64 of the big-endian checksum bytes (CRCs) or of the digest (SHA).
public enum ChecksumAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// CRC-32/ISO-HDLC, the zlib CRC (reflected polynomial `0xEDB88320`).
    case crc32 = "CRC32"
    /// CRC-32C/Castagnoli (reflected polynomial `0x82F63B78`).
    case crc32c = "CRC32C"
    /// CRC-64/NVME (reflected polynomial `0x9A6C9329AC4BC9B5`).
    case crc64nvme = "CRC64NVME"
    /// SHA-1.
    case sha1 = "SHA1"
    /// SHA-256.
    case sha256 = "SHA256"

    /// The header and trailer name, for example `x-amz-checksum-crc32`.
    public var headerName: String { "x-amz-checksum-" + rawValue.lowercased() }

    /// The number of checksum bytes: 4, 8, 20 or 32.
    public var byteCount: Int {
        switch self {
        case .crc32, .crc32c: 4
        case .crc64nvme: 8
        case .sha1: 20
        case .sha256: 32
        }
    }

    /// The algorithm named by an `x-amz-checksum-*` header, compared case-insensitively.
    public init?(headerName: String) {
        let name = headerName.lowercased()
        guard name.hasPrefix("x-amz-checksum-") else { return nil }
        self.init(rawValue: String(name.dropFirst("x-amz-checksum-".count)).uppercased())
    }
}
