import BrumeStorage
import BrumeWire
import Crypto
import NIOCore

/// Copies a byte range of an object's segments into a new blob, computing the digests a new
/// object or part needs. A whole single-segment object is shared by hard link instead.
struct BlobCopier {
    let blobs: BlobStore

    struct Copy {
        var blob: BlobID
        var size: Int64
        var md5Hex: String
        var checksum: (algorithm: ChecksumAlgorithm, value: String)?
    }

    func copy(segments: [Segment], start: Int64, length: Int64, checksum algorithm: ChecksumAlgorithm?) async throws -> Copy {
        let writer = try blobs.makeWriter()
        do {
            var md5 = Insecure.MD5()
            var hasher = algorithm.map(ChecksumHasher.init)
            let sender = BodySender(blobs: blobs)
            var offset = start
            let end = start + length
            while offset < end {
                let count = min(Int64(BodySender.chunkSize), end - offset)
                let buffer = try sender.bytes(segments: segments, start: offset, length: count)
                try buffer.withUnsafeReadableBytes { bytes in
                    try writer.write(bytes)
                    md5.update(bufferPointer: bytes)
                    hasher?.update(bytes)
                }
                offset += count
            }
            try await writer.commit()
            return Copy(
                blob: writer.id, size: writer.count, md5Hex: Array(md5.finalize()).hexString,
                checksum: hasher.map { ($0.algorithm, $0.base64()) }
            )
        } catch {
            writer.abort()
            throw error
        }
    }
}
