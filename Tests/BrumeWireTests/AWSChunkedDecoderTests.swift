import BrumeWire
import Testing

@Suite struct AWSChunkedDecoderTests {
    static let a64k = [UInt8](repeating: UInt8(ascii: "a"), count: 65_536)
    static let a1k = [UInt8](repeating: UInt8(ascii: "a"), count: 1_024)

    /// AWS's chunked-upload example body.
    static let documentedBody: [UInt8] =
        Array("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n".utf8) + a64k
        + Array("\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n".utf8) + a1k
        + Array("\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n".utf8)

    static let documentedEvents: [AWSChunkedEvent] = [
        .data(a64k),
        .chunkEnd(length: 65_536, signature: "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"),
        .data(a1k),
        .chunkEnd(length: 1_024, signature: "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"),
        .chunkEnd(length: 0, signature: "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"),
        .end,
    ]

    static let trailerEvents: [AWSChunkedEvent] = [
        .data(Array("hello".utf8)), .chunkEnd(length: 5, signature: nil), .chunkEnd(length: 0, signature: nil),
        .trailer(name: "x-amz-checksum-crc32", value: "NhCmhg=="), .end,
    ]

    /// Feeds `body` in pieces, then finishes, merging adjacent data events.
    static func decode(_ body: [UInt8], pieces: [Int]? = nil, expectsTrailers: Bool = false) throws(AWSChunkedError) -> [AWSChunkedEvent] {
        var decoder = AWSChunkedDecoder(expectsTrailers: expectsTrailers)
        var events: [AWSChunkedEvent] = []
        var offset = 0
        for size in pieces ?? [body.count] where offset < body.count {
            let end = min(body.count, offset + size)
            events += try decoder.feed(body[offset..<end])
            offset = end
        }
        if offset < body.count { events += try decoder.feed(body[offset...]) }
        events += try decoder.finish()
        var merged: [AWSChunkedEvent] = []
        for event in events {
            if case .data(let more) = event, case .data(let previous)? = merged.last {
                merged[merged.count - 1] = .data(previous + more)
            } else if case .data(let bytes) = event, bytes.isEmpty {
                continue
            } else {
                merged.append(event)
            }
        }
        return merged
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func documentedExample() throws {
        var decoder = AWSChunkedDecoder()
        let events = try decoder.feed(Self.documentedBody)
        #expect(events == Self.documentedEvents)
        #expect(decoder.decodedByteCount == 66_560)
        #expect(try decoder.finish().isEmpty)
    }

    @Test func byteByByteFeedingMatchesOneShot() throws {
        let pieces = [Int](repeating: 1, count: Self.documentedBody.count)
        #expect(try Self.decode(Self.documentedBody, pieces: pieces) == Self.documentedEvents)
        let trailer = Self.bytes("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n")
        #expect(try Self.decode(trailer, pieces: [Int](repeating: 1, count: trailer.count)) == Self.trailerEvents)
    }

    @Test func randomSplitsMatchOneShot() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let pieces = (0..<40).map { _ in Int.random(in: 0...5_000, using: &generator) }
            #expect(try Self.decode(Self.documentedBody, pieces: pieces) == Self.documentedEvents)
        }
    }

    @Test func dataIsStreamedNotAccumulated() throws {
        var decoder = AWSChunkedDecoder()
        #expect(try decoder.feed(Self.bytes("10000;chunk-signature=ab\r\naaa")) == [.data(Self.bytes("aaa"))])
        #expect(try decoder.feed(Self.bytes("bb")) == [.data(Self.bytes("bb"))])
        #expect(decoder.decodedByteCount == 5)
    }

    @Test func unsignedChunksAndTrailers() throws {
        #expect(try Self.decode(Self.bytes("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n")) == Self.trailerEvents)
        #expect(try Self.decode(Self.bytes("5\r\nhello\r\n0\r\nX-Amz-Checksum-CRC32 :  NhCmhg== \r\n\r\n")) == Self.trailerEvents)
        #expect(try Self.decode(Self.bytes("A;foo=bar\r\n0123456789\r\n0\r\n\r\n")) == [
            .data(Self.bytes("0123456789")), .chunkEnd(length: 10, signature: nil), .chunkEnd(length: 0, signature: nil), .end,
        ])
    }

    @Test func signedTrailers() throws {
        let body = Self.bytes("5;chunk-signature=s1\r\nhello\r\n0;chunk-signature=s2\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:s3\r\n\r\n")
        #expect(try Self.decode(body) == [
            .data(Self.bytes("hello")), .chunkEnd(length: 5, signature: "s1"), .chunkEnd(length: 0, signature: "s2"),
            .trailer(name: "x-amz-checksum-crc32", value: "NhCmhg=="), .trailer(name: "x-amz-trailer-signature", value: "s3"), .end,
        ])
    }

    @Test func missingFinalCRLFIsTolerated() throws {
        #expect(try Self.decode(Self.bytes("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n")) == Self.trailerEvents)
        #expect(try Self.decode(Self.bytes("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==")) == Self.trailerEvents)
        #expect(try Self.decode(Self.bytes("5\r\nhello\r\n0\r\n")) == Array(Self.trailerEvents[0...2]) + [.end])
    }

    @Test func documentedTrailerLayoutWhenTrailersAreExpected() throws {
        // AWS's trailer example puts an empty line before the trailers and none after.
        let body = Self.bytes("5\r\nhello\r\n0\r\n\r\nx-amz-checksum-crc32:NhCmhg==\r\n")
        #expect(try Self.decode(body, expectsTrailers: true) == Self.trailerEvents)
        #expect(try Self.decode(body, pieces: [Int](repeating: 1, count: body.count), expectsTrailers: true) == Self.trailerEvents)
        #expect(throws: AWSChunkedError.trailingData) { try Self.decode(body) }
        // Without trailers, `.end` then comes from finish().
        var decoder = AWSChunkedDecoder(expectsTrailers: true)
        #expect(try decoder.feed(Self.bytes("0\r\n\r\n")) == [.chunkEnd(length: 0, signature: nil)])
        #expect(try decoder.finish() == [.end])
    }

    @Test(arguments: [
        ("zz\r\n", AWSChunkedError.invalidChunkSize),
        ("\r\n", .invalidChunkSize),
        (";chunk-signature=x\r\n", .invalidChunkSize),
        (" 5\r\nhello\r\n", .invalidChunkSize),
        ("5\nhello", .missingCRLF),
        ("5\r\nhelloX\r\n", .missingCRLF),
        ("5\r\nhello\rX", .missingCRLF),
        ("5;chunk-signature=a\rb\r\n", .missingCRLF),
        ("140000001\r\n", .chunkTooLarge),
        ("ffffffffffffffffffffffff\r\n", .chunkTooLarge),
        ("0\r\n\r\nx", .trailingData),
        ("0\r\n\r\n\r\n", .trailingData),
        ("0\r\nno-colon\r\n\r\n", .malformedTrailer),
        ("0\r\n:value\r\n\r\n", .malformedTrailer),
        ("5\r\nhel", .truncated),
        ("5\r\nhello", .truncated),
        ("5\r\nhello\r\n", .truncated),
        ("5\r\nhello\r\n0", .truncated),
        ("", .truncated),
    ])
    func malformedBodies(_ body: String, _ error: AWSChunkedError) {
        #expect(throws: error) { try Self.decode(Self.bytes(body)) }
        #expect(throws: error) { try Self.decode(Self.bytes(body), pieces: [Int](repeating: 1, count: body.utf8.count)) }
    }

    @Test func limits() {
        let longLine = Self.bytes("5;" + String(repeating: "x", count: AWSChunkedDecoder.maximumLineLength) + "\r\n")
        #expect(throws: AWSChunkedError.lineTooLong) { try Self.decode(longLine) }
        let manyTrailers = Self.bytes("0\r\n" + String(repeating: "a:b\r\n", count: AWSChunkedDecoder.maximumTrailerCount + 1) + "\r\n")
        #expect(throws: AWSChunkedError.tooManyTrailers) { try Self.decode(manyTrailers) }
        var decoder = AWSChunkedDecoder()
        #expect(throws: Never.self) { try decoder.feed(Self.bytes("140000000\r\n")) }
    }

    @Test func errorsAreSticky() throws {
        var decoder = AWSChunkedDecoder()
        #expect(throws: AWSChunkedError.invalidChunkSize) { try decoder.feed(Self.bytes("x\r\n")) }
        #expect(throws: AWSChunkedError.invalidChunkSize) { try decoder.feed(Self.bytes("0\r\n\r\n")) }
        #expect(throws: AWSChunkedError.invalidChunkSize) { try decoder.finish() }
    }
}
