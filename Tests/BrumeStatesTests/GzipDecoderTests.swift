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
        // A header, then a final block of type 3.
        let bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0b0000_0111]
        #expect(throws: InflateError("invalid DEFLATE block type 3")) { try gunzip(bytes, chunkSize: 11) }
    }

    @Test func rawInflaterReportsTrailingBytes() throws {
        // The fixed-Huffman member's DEFLATE data starts after its 10-byte header.
        var inflater = Inflater()
        let output = try inflater.feed(GzipFixtures.fixedHuffman[10...])
        #expect(output == Array("hello, world\n".utf8))
        #expect(inflater.isFinished)
        #expect(Array(inflater.trailingBytes) == Array(GzipFixtures.fixedHuffman.suffix(8)))
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
