import BrumeStorage
import Hummingbird
import NIOCore

/// Streams an object's bytes (or a range of them) out of its blob segments.
///
/// Small bodies are read in one go into a single buffer, which is what makes small GETs
/// cheap; larger ones are read and written one megabyte at a time, so memory stays flat
/// whatever the object size.
struct BodySender {
    let blobs: BlobStore
    static let chunkSize = 1 << 20
    static let inlineLimit: Int64 = 256 * 1024

    /// The response body for bytes `range` (inclusive start, length) of the concatenated segments.
    func body(segments: [Segment], start: Int64, length: Int64) throws -> ResponseBody {
        let pieces = try Self.slices(of: segments, start: start, length: length).map { slice in
            (file: try blobs.open(slice.blob), offset: slice.offset, length: slice.length)
        }
        if length <= Self.inlineLimit {
            var buffer = ByteBufferAllocator().buffer(capacity: Int(length))
            for piece in pieces { try Self.read(piece.file, offset: piece.offset, length: piece.length, into: &buffer) }
            return ResponseBody(byteBuffer: buffer)
        }
        return ResponseBody(contentLength: Int(length)) { writer in
            for piece in pieces {
                var offset = piece.offset
                let end = piece.offset + piece.length
                while offset < end {
                    let count = min(Int64(Self.chunkSize), end - offset)
                    var buffer = ByteBufferAllocator().buffer(capacity: Int(count))
                    try Self.read(piece.file, offset: offset, length: count, into: &buffer)
                    try await writer.write(buffer)
                    offset += count
                }
            }
            try await writer.finish(nil)
        }
    }

    /// Reads all of a segment range into memory (for copies of small ranges and checksums).
    func bytes(segments: [Segment], start: Int64, length: Int64) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: Int(length))
        for slice in Self.slices(of: segments, start: start, length: length) {
            try Self.read(try blobs.open(slice.blob), offset: slice.offset, length: slice.length, into: &buffer)
        }
        return buffer
    }

    struct Slice: Equatable {
        var blob: BlobID
        var offset: Int64
        var length: Int64
    }

    /// The pieces of each segment that cover `length` bytes from `start`.
    static func slices(of segments: [Segment], start: Int64, length: Int64) -> [Slice] {
        var result: [Slice] = []
        var segmentStart: Int64 = 0
        let end = start + length
        for segment in segments {
            let segmentEnd = segmentStart + segment.size
            let from = max(start, segmentStart)
            let to = min(end, segmentEnd)
            if from < to {
                result.append(Slice(blob: segment.blob, offset: from - segmentStart, length: to - from))
            }
            segmentStart = segmentEnd
            if segmentStart >= end { break }
        }
        return result
    }

    private static func read(_ file: BlobFile, offset: Int64, length: Int64, into buffer: inout ByteBuffer) throws {
        var done: Int64 = 0
        while done < length {
            let want = Int(length - done)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { pointer in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: pointer[..<want]), at: offset + done)
            }
            // A blob never shrinks, so a short read means the store is damaged.
            guard count > 0 else { throw BlobStoreError.io(operation: "read (unexpected end of blob)", errno: 0) }
            done += Int64(count)
        }
    }
}
