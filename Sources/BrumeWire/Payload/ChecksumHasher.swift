import Crypto
public import Foundation

/// Computes an S3 checksum incrementally, for bodies that arrive in pieces.
///
/// ```swift
/// var hasher = ChecksumHasher(.crc32c)
/// hasher.update(firstPart)
/// hasher.update(secondPart)
/// let header = hasher.base64()   // the x-amz-checksum-crc32c value
/// ```
///
/// The CRCs are table-driven (slicing-by-8); SHA-1 and SHA-256 come from swift-crypto.
public struct ChecksumHasher: Sendable {
    /// The algorithm being computed.
    public let algorithm: ChecksumAlgorithm
    private var crc32: UInt32 = 0xFFFF_FFFF
    private var crc64: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
    private var sha1: Insecure.SHA1?
    private var sha256: SHA256?

    /// Starts a checksum.
    public init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha1: sha1 = Insecure.SHA1()
        case .sha256: sha256 = SHA256()
        case .crc32, .crc32c, .crc64nvme: break
        }
    }

    /// Adds bytes to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch algorithm {
        case .crc32: crc32 = CRC.update32(crc32, bytes, table: CRCTables.crc32)
        case .crc32c: crc32 = CRC.update32(crc32, bytes, table: CRCTables.crc32c)
        case .crc64nvme: crc64 = CRC.update64(crc64, bytes, table: CRCTables.crc64nvme)
        case .sha1: sha1!.update(bufferPointer: bytes)
        case .sha256: sha256!.update(bufferPointer: bytes)
        }
    }

    /// Adds bytes to the checksum; contiguous collections such as `[UInt8]` and `Data` are not copied.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Adds the bytes of `data` to the checksum.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The checksum: big-endian CRC bytes, or the digest. The hasher may keep being updated.
    public func finalize() -> [UInt8] {
        switch algorithm {
        case .crc32, .crc32c:
            let value = crc32 ^ 0xFFFF_FFFF
            return withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .crc64nvme:
            let value = crc64 ^ 0xFFFF_FFFF_FFFF_FFFF
            return withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .sha1:
            return Array(sha1!.finalize())
        case .sha256:
            return Array(sha256!.finalize())
        }
    }

    /// The checksum as S3 sends it in `x-amz-checksum-*`: base64 of ``finalize()``.
    public func base64() -> String {
        Data(finalize()).base64EncodedString()
    }

    /// The checksum of `bytes` in one call, base64-encoded.
    public static func base64(_ algorithm: ChecksumAlgorithm, of bytes: some Collection<UInt8>) -> String {
        var hasher = ChecksumHasher(algorithm)
        hasher.update(bytes)
        return hasher.base64()
    }
}
