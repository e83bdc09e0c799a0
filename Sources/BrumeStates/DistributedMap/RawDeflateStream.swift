import CompressNIO
import NIOCore

/// One raw DEFLATE (RFC 1951) stream decoded by zlib through compress-nio, fed a chunk at a time.
///
/// ``GzipDecoder`` reads the gzip framing (headers, CRC-32, lengths, further members) itself and
/// hands each member's DEFLATE data here, so it knows where the data ends and the trailer starts.
///
/// A class because zlib's `z_stream` must not move; `@unchecked Sendable` because its one owner,
/// a decoder that a single task feeds in order, never shares it between tasks.
final class RawDeflateStream: @unchecked Sendable {
    /// What one ``inflate(_:into:limit:)`` call reached.
    enum Outcome: Equatable {
        /// All the input was decoded and the data has not ended: feed more.
        case needsInput
        /// The DEFLATE data ended; the bytes after it (a gzip trailer, say) are returned.
        case finished(trailing: ArraySlice<UInt8>)
        /// `limit` more bytes were written and the data goes on; the caller decides what that means.
        case limitReached
    }

    /// How much is decoded into one scratch buffer before it is appended to the output, so
    /// limits are checked at least this often.
    static let pieceSize = 64 * 1024

    private let decompressor: ZlibDecompressor
    private var scratch: ByteBuffer
    /// Whether zlib reported the end of the data; zlib then answers every further call the same way.
    private(set) var isFinished = false

    init() throws(InflateError) {
        do {
            decompressor = try ZlibDecompressor(algorithm: .deflate, windowSize: 15)
        } catch {
            throw InflateError("the DEFLATE decoder could not start (\(error))")
        }
        scratch = ByteBufferAllocator().buffer(capacity: Self.pieceSize)
    }

    /// Starts a new, independent DEFLATE stream (the next gzip member).
    func reset() throws(InflateError) {
        do {
            try decompressor.reset()
        } catch {
            throw InflateError("the DEFLATE decoder could not restart (\(error))")
        }
        isFinished = false
    }

    /// Decodes `input`, appending at most `limit` bytes to `output`.
    ///
    /// - Throws: ``InflateError`` when the data is not valid DEFLATE.
    func inflate(_ input: ArraySlice<UInt8>, into output: inout [UInt8], limit: Int) throws(InflateError) -> Outcome {
        if isFinished { return .finished(trailing: input) }
        // zlib is never handed an empty input buffer: compress-nio needs a base address.
        guard !input.isEmpty else { return .needsInput }
        var from = ByteBufferAllocator().buffer(capacity: input.count)
        from.writeBytes(input)
        var written = 0
        while true {
            scratch.clear()
            var outputFull = false
            do {
                try decompressor.inflate(from: &from, to: &scratch)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                outputFull = true
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                // No progress is possible without more input.
            } catch let error as CompressNIOError where error == .corruptData {
                throw InflateError("the DEFLATE data is corrupt")
            } catch {
                throw InflateError("the DEFLATE decoder failed (\(error))")
            }
            let produced = scratch.readableBytes
            if outputFull, produced == 0 { throw InflateError("the DEFLATE decoder made no progress") }
            guard written + produced <= limit else {
                output += scratch.readableBytesView.prefix(limit - written)
                return .limitReached
            }
            output += scratch.readableBytesView
            written += produced
            if outputFull { continue }
            // zlib stops with input left over only at the end of the data. With none left over
            // the end is told apart on the next call, when zlib reads nothing and says it ended.
            if from.readableBytes > 0 {
                isFinished = true
                return .finished(trailing: input.suffix(from.readableBytes))
            }
            return .needsInput
        }
    }
}
