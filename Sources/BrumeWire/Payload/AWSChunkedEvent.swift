/// What ``AWSChunkedDecoder`` found in the bytes it was fed, in body order.
public enum AWSChunkedEvent: Sendable, Hashable {
    /// Decoded payload bytes; one chunk's data may arrive as several events.
    case data([UInt8])
    /// A chunk ended (after its data and CRLF), with its length and `chunk-signature`, if any.
    ///
    /// The final zero-length chunk reports `length: 0`. To verify chunk signatures, hash the
    /// `.data` since the previous `.chunkEnd` and check it against `signature`.
    case chunkEnd(length: Int, signature: String?)
    /// A trailing header; the name is lowercased and the value trimmed.
    case trailer(name: String, value: String)
    /// The body is complete; nothing may follow.
    case end
}

/// A framing error in an `aws-chunked` body; a server answers `400 IncompleteBody` or
/// `InvalidRequest`.
public enum AWSChunkedError: Error, Sendable, Hashable {
    /// A chunk header does not start with a hexadecimal size.
    case invalidChunkSize
    /// A chunk is larger than 5 GiB, the largest S3 object part.
    case chunkTooLarge
    /// A chunk's data or a line is not terminated by CRLF.
    case missingCRLF
    /// A chunk header or trailer line exceeds ``AWSChunkedDecoder/maximumLineLength``.
    case lineTooLong
    /// A trailer line is not `name:value`.
    case malformedTrailer
    /// More than ``AWSChunkedDecoder/maximumTrailerCount`` trailers were sent.
    case tooManyTrailers
    /// Bytes follow the end of the body.
    case trailingData
    /// The body ended before its final zero-length chunk (or inside a chunk).
    case truncated
}
