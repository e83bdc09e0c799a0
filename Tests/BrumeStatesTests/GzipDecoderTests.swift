import Testing

@testable import BrumeStates

@Suite("gzip and DEFLATE decoding")
struct GzipDecoderTests {
    /// Decompresses `bytes` fed in chunks of `size`.
    private func gunzip(_ bytes: [UInt8], chunkSize size: Int) throws(InflateError) -> [UInt8] {
        var decoder = GzipDecoder()
        var output: [UInt8] = []
        for chunk in ItemDecoderFeeding.chunks(bytes, size: size) {
            output += try decoder.feed(chunk)
        }
        try decoder.finish()
        return output
    }

    private func text(_ bytes: [UInt8], chunkSize: Int = .max) throws -> String {
        String(decoding: try gunzip(bytes, chunkSize: max(1, min(chunkSize, bytes.count))), as: UTF8.self)
    }

    @Test func fixedHuffmanBlock() throws {
        #expect(try text(GzipFixtures.fixedHuffman) == "hello, world\n")
    }

    @Test func fixedHuffmanSplitAtEveryByte() throws {
        let bytes = GzipFixtures.fixedHuffman
        for split in 0...bytes.count {
            var decoder = GzipDecoder()
            var output = try decoder.feed(bytes[..<split])
            output += try decoder.feed(bytes[split...])
            try decoder.finish()
            #expect(output == Array("hello, world\n".utf8), "split at \(split)")
        }
    }

    @Test func storedBlock() throws {
        let expected = (0..<1000).map { UInt8(($0 * 31 + 7) % 251) }
        #expect(try gunzip(GzipFixtures.stored, chunkSize: 1) == expected)
        #expect(try gunzip(GzipFixtures.stored, chunkSize: 100) == expected)
    }

    @Test("dynamic Huffman blocks, a file name, and a window that wraps", arguments: [1, 7, 64, 4096, 1 << 20])
    func dynamicHuffman(chunkSize: Int) throws {
        #expect(try text(GzipFixtures.dynamicHuffman, chunkSize: chunkSize) == GzipFixtures.dynamicHuffmanText)
    }

    @Test func concatenatedMembersDecodeAsOneStream() throws {
        #expect(try text(GzipFixtures.twoMembers) == "first,second\n")
        #expect(try text(GzipFixtures.twoMembers, chunkSize: 3) == "first,second\n")
    }

    @Test func trailingZeroPaddingIsTolerated() throws {
        #expect(try text(GzipFixtures.fixedHuffman + [0, 0, 0]) == "hello, world\n")
    }

    @Test func corruptCRCFails() {
        var bytes = GzipFixtures.fixedHuffman
        bytes[bytes.count - 8] ^= 0xFF
        #expect(throws: InflateError("gzip CRC-32 mismatch: the data is corrupt")) { try gunzip(bytes, chunkSize: 5) }
    }

    @Test func wrongLengthFails() {
        var bytes = GzipFixtures.fixedHuffman
        bytes[bytes.count - 4] ^= 0x01
        #expect(throws: InflateError("gzip length mismatch: the data is corrupt")) { try gunzip(bytes, chunkSize: 5) }
    }

    @Test("truncated streams fail", arguments: [1, 5, 10, 20, 30])
    func truncated(length: Int) {
        let bytes = Array(GzipFixtures.fixedHuffman.prefix(length))
        #expect(throws: InflateError.self) { try gunzip(bytes, chunkSize: 3) }
    }

    @Test func notGzipFails() {
        #expect(throws: InflateError("not a gzip stream (bad magic number)")) { try gunzip(Array("id,name\n".utf8), chunkSize: 4) }
        #expect(throws: InflateError("the gzip stream is empty")) { try gunzip([], chunkSize: 1) }
    }

    @Test func invalidBlockTypeFails() {
        // A header, then a final block of type 3. zlib says which; its reason is not exposed.
        let bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0b0000_0111]
        #expect(throws: InflateError("the DEFLATE data is corrupt")) { try gunzip(bytes, chunkSize: 11) }
    }

    @Test func rawDeflateReportsTrailingBytes() throws {
        // The fixed-Huffman member's DEFLATE data starts after its 10-byte header.
        let stream = try RawDeflateStream()
        var output: [UInt8] = []
        let outcome = try stream.inflate(GzipFixtures.fixedHuffman[10...], into: &output, limit: .max)
        #expect(output == Array("hello, world\n".utf8))
        #expect(outcome == .finished(trailing: GzipFixtures.fixedHuffman.suffix(8)))
        #expect(stream.isFinished)
    }

    @Test func rawDeflateEndingOnAChunkBoundaryIsNoticedWithTheNextBytes() throws {
        let deflate = GzipFixtures.fixedHuffman.dropFirst(10).dropLast(8)
        let stream = try RawDeflateStream()
        var output: [UInt8] = []
        #expect(try stream.inflate(deflate, into: &output, limit: .max) == .needsInput)
        let trailer = GzipFixtures.fixedHuffman.suffix(8)
        #expect(try stream.inflate(trailer, into: &output, limit: .max) == .finished(trailing: trailer))
        #expect(output == Array("hello, world\n".utf8))
    }

    // MARK: - Limits

    @Test func oneMegabyteOfZerosDecodesWithinTheAllowance() throws {
        #expect(try gunzip(GzipFixtures.megabyteOfZeros, chunkSize: 4096) == [UInt8](repeating: 0, count: 1 << 20))
    }

    @Test("a gzip bomb fails on its expansion ratio before its output is held", arguments: [1, 4096, 1 << 22])
    func bombFailsOnRatio(chunkSize: Int) {
        // 64 members of a megabyte of zeros each: 66 KB that expand to 64 MiB.
        let bomb = Array((0..<64).map { _ in GzipFixtures.megabyteOfZeros }.joined())
        #expect(throws: InflateError("the data expands more than 256 times its compressed size")) {
            try gunzip(bomb, chunkSize: chunkSize)
        }
    }

    @Test func totalOutputIsCapped() {
        let limits = GzipDecoder.Limits(maximumOutputBytes: 3 << 20, maximumExpansionRatio: 10_000)
        var decoder = GzipDecoder(limits: limits)
        let bomb = Array((0..<4).map { _ in GzipFixtures.megabyteOfZeros }.joined())
        #expect(throws: InflateError("the data decompresses to more than 3145728 bytes")) { _ = try decoder.feed(bomb[...]) }
    }

    @Test func outputUpToTheTotalCapDecodes() throws {
        let limits = GzipDecoder.Limits(maximumOutputBytes: 2 << 20, maximumExpansionRatio: 10_000)
        var decoder = GzipDecoder(limits: limits)
        let output = try decoder.feed(Array((0..<2).map { _ in GzipFixtures.megabyteOfZeros }.joined())[...])
        try decoder.finish()
        #expect(output.count == 2 << 20)
    }

    @Test func aLargeChunkMayNotExpandPastTheRatioEvenAfterIncompressibleData() throws {
        // A stored (incompressible) member raises the stream's ratio budget; a chunk is still
        // held to the ratio on its own, so the budget cannot be spent in one huge feed.
        let limits = GzipDecoder.Limits(maximumOutputBytes: .max, maximumExpansionRatio: 4, ratioAllowanceBytes: 0)
        var decoder = GzipDecoder(limits: limits)
        let stored = try decoder.feed(GzipFixtures.stored[...])
        #expect(stored.count == 1000)
        #expect(throws: InflateError("the data expands more than 4 times its compressed size")) {
            _ = try decoder.feed(GzipFixtures.megabyteOfZeros[...])
        }
    }

    @Test func crc32KnownAnswer() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var split = CRC32()
        split.update(Array("1234".utf8))
        split.update(Array("56789".utf8))
        #expect(split == crc)
    }
}
