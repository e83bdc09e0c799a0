/// Decodes a `Content-Encoding: aws-chunked` body incrementally, as a pure state machine.
///
/// The body is a series of chunks, `hex-size[;chunk-signature=sig]\r\n<data>\r\n`, ended by a
/// zero-length chunk, then optional trailer lines `name:value\r\n` and a final `\r\n`:
///
/// ```swift
/// var decoder = AWSChunkedDecoder()
/// for try await buffer in body { for event in try decoder.feed(buffer) { … } }
/// for event in try decoder.finish() { … }
/// ```
///
/// Input may be split anywhere. Data is passed on as it arrives, never accumulated per chunk;
/// only the current header or trailer line (at most ``maximumLineLength`` bytes) is buffered.
/// Like S3, the decoder accepts a body whose final `\r\n` is missing at end of input. After an
/// error, every further call throws the same error.
public struct AWSChunkedDecoder: Sendable {
    /// The longest chunk header or trailer line accepted, without its CRLF.
    public static let maximumLineLength = 4_096
    /// The largest chunk accepted: 5 GiB.
    public static let maximumChunkSize = 5 * 1_024 * 1_024 * 1_024
    /// The most trailers accepted.
    public static let maximumTrailerCount = 32

    private enum State: Sendable {
        case chunkHeader
        case chunkData(remaining: Int, length: Int, signature: String?)
        case chunkDataCR(length: Int, signature: String?)
        case chunkDataLF(length: Int, signature: String?)
        /// After the final chunk. `endsAtEmptyLine` is false only before the first trailer when
        /// an empty separator line may precede the trailers.
        case trailers(endsAtEmptyLine: Bool)
        case done
        case failed(AWSChunkedError)
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private let expectsTrailers: Bool
    private var state: State = .chunkHeader
    private var line: [UInt8] = []
    private var trailerCount = 0

    /// The number of payload bytes decoded so far; compare with `x-amz-decoded-content-length`.
    public private(set) var decodedByteCount = 0

    /// Creates a decoder.
    ///
    /// - Parameter expectsTrailers: whether the request announced trailers (`x-amz-trailer`, or a
    ///   `…-TRAILER` payload hash). It makes the decoder also accept an empty line between the
    ///   final chunk and the trailers, as AWS's own documented example has; the `.end` of a
    ///   trailer-less body is then reported by ``finish()`` rather than by ``feed(_:)``.
    public init(expectsTrailers: Bool = false) {
        self.expectsTrailers = expectsTrailers
    }

    /// Decodes more of the body.
    ///
    /// - Throws: an ``AWSChunkedError`` when the framing is invalid.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(AWSChunkedError) -> [AWSChunkedEvent] {
        var events: [AWSChunkedEvent] = []
        var outcome: Result<Void, AWSChunkedError> = .success(())
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            outcome = Result { () throws(AWSChunkedError) in try process(UnsafeRawBufferPointer(buffer), into: &events) }
        }
        if contiguous == nil {
            Array(bytes).withUnsafeBytes { buffer in
                outcome = Result { () throws(AWSChunkedError) in try process(buffer, into: &events) }
            }
        }
        try outcome.get()
        return events
    }

    /// Ends the input, returning the last events (a final trailer, `.end`).
    ///
    /// - Throws: ``AWSChunkedError/truncated`` when the final zero-length chunk has not arrived.
    public mutating func finish() throws(AWSChunkedError) -> [AWSChunkedEvent] {
        switch state {
        case .failed(let error):
            throw error
        case .done:
            return []
        case .chunkHeader, .chunkData, .chunkDataCR, .chunkDataLF:
            throw fail(.truncated)
        case .trailers:
            var events: [AWSChunkedEvent] = []
            if line.last == Self.cr { line.removeLast() }
            if !line.isEmpty {
                events.append(try trailer(from: line))
            }
            events.append(.end)
            state = .done
            return events
        }
    }

    private mutating func process(_ buffer: UnsafeRawBufferPointer, into events: inout [AWSChunkedEvent]) throws(AWSChunkedError) {
        var index = 0
        while index < buffer.count {
            switch state {
            case .failed(let error):
                throw error
            case .done:
                throw fail(.trailingData)
            case .chunkHeader, .trailers:
                let byte = buffer[index]
                index += 1
                if byte == Self.lf {
                    guard line.last == Self.cr else { throw fail(.missingCRLF) }
                    line.removeLast()
                    try completeLine(into: &events)
                    line.removeAll(keepingCapacity: true)
                } else {
                    guard line.count <= Self.maximumLineLength else { throw fail(.lineTooLong) }
                    line.append(byte)
                }
            case .chunkData(let remaining, let length, let signature):
                let count = min(remaining, buffer.count - index)
                events.append(.data(Array(UnsafeRawBufferPointer(rebasing: buffer[index..<index + count]))))
                index += count
                decodedByteCount += count
                state = remaining == count
                    ? .chunkDataCR(length: length, signature: signature)
                    : .chunkData(remaining: remaining - count, length: length, signature: signature)
            case .chunkDataCR(let length, let signature):
                guard buffer[index] == Self.cr else { throw fail(.missingCRLF) }
                index += 1
                state = .chunkDataLF(length: length, signature: signature)
            case .chunkDataLF(let length, let signature):
                guard buffer[index] == Self.lf else { throw fail(.missingCRLF) }
                index += 1
                events.append(.chunkEnd(length: length, signature: signature))
                state = .chunkHeader
            }
        }
    }

    /// Handles a complete line (without CRLF) in the header or trailer states.
    private mutating func completeLine(into events: inout [AWSChunkedEvent]) throws(AWSChunkedError) {
        guard !line.contains(Self.cr) else { throw fail(.missingCRLF) }
        switch state {
        case .chunkHeader:
            let (size, signature) = try chunkHeader(from: line)
            if size == 0 {
                events.append(.chunkEnd(length: 0, signature: signature))
                state = .trailers(endsAtEmptyLine: !expectsTrailers)
            } else {
                state = .chunkData(remaining: size, length: size, signature: signature)
            }
        case .trailers(let endsAtEmptyLine):
            if line.isEmpty {
                if endsAtEmptyLine {
                    events.append(.end)
                    state = .done
                } else {
                    state = .trailers(endsAtEmptyLine: true)
                }
            } else {
                events.append(try trailer(from: line))
                state = .trailers(endsAtEmptyLine: true)
            }
        default:
            preconditionFailure("lines are only collected in the header and trailer states")
        }
    }

    /// Parses `hex-size[;name=value]*`, returning the size and the `chunk-signature` extension.
    private mutating func chunkHeader(from line: [UInt8]) throws(AWSChunkedError) -> (Int, String?) {
        let sizeEnd = line.firstIndex(of: UInt8(ascii: ";")) ?? line.endIndex
        guard sizeEnd > 0 else { throw fail(.invalidChunkSize) }
        var size = 0
        for byte in line[..<sizeEnd] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(.invalidChunkSize)
            }
            size = size * 16 + Int(digit)
            guard size <= Self.maximumChunkSize else { throw fail(.chunkTooLarge) }
        }
        var signature: String?
        if sizeEnd < line.endIndex {
            for extensionBytes in line[(sizeEnd + 1)...].split(separator: UInt8(ascii: ";")) {
                let text = String(decoding: extensionBytes, as: UTF8.self)
                if text.hasPrefix("chunk-signature=") {
                    signature = String(text.dropFirst("chunk-signature=".count))
                }
            }
        }
        return (size, signature)
    }

    /// Parses a `name:value` trailer line.
    private mutating func trailer(from line: [UInt8]) throws(AWSChunkedError) -> AWSChunkedEvent {
        guard trailerCount < Self.maximumTrailerCount else { throw fail(.tooManyTrailers) }
        trailerCount += 1
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { throw fail(.malformedTrailer) }
        let name = text[..<colon].trimming(" \t").lowercased()
        guard !name.isEmpty, !name.contains(" ") else { throw fail(.malformedTrailer) }
        return .trailer(name: name, value: text[text.index(after: colon)...].trimming(" \t"))
    }

    /// Enters the failed state and returns the error to throw.
    private mutating func fail(_ error: AWSChunkedError) -> AWSChunkedError {
        state = .failed(error)
        return error
    }
}

extension Substring {
    /// The substring without leading and trailing characters from `set`, as a `String`.
    fileprivate func trimming(_ set: String) -> String {
        let trimmed = drop { set.contains($0) }
        return String(trimmed.reversed().drop { set.contains($0) }.reversed())
    }
}
