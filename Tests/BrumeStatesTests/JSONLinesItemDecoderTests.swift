import BrumeWire
import Testing

@testable import BrumeStates

@Suite("JSON Lines item decoder")
struct JSONLinesItemDecoderTests {
    private func decode(_ text: String) throws -> [JSONValue] {
        try ItemDecoderFeeding.decodeEverySplit(JSONLinesItemDecoder(), text)
    }

    @Test func oneItemPerLine() throws {
        #expect(try decode("{\"a\":1}\n[1,2]\n\"s\"\n3\nnull\n") == [["a": 1], [1, 2], "s", 3, nil])
    }

    @Test func crlfAndNoFinalLineBreak() throws {
        #expect(try decode("{\"a\":1}\r\n{\"a\":2}\r\n{\"a\":3}") == [["a": 1], ["a": 2], ["a": 3]])
    }

    @Test func blankLinesAreSkipped() throws {
        #expect(try decode("\n{\"a\":1}\n\n   \n\t\r\n{\"a\":2}\n\n") == [["a": 1], ["a": 2]])
    }

    @Test("files without items", arguments: ["", "\n", "\r\n\r\n", "  \n"])
    func noItems(text: String) throws {
        #expect(try decode(text) == [])
    }

    @Test func valuesKeepSurroundingWhitespaceOut() throws {
        #expect(try decode("  {\"a\" : \"x y\"}  \n") == [["a": "x y"]])
    }

    @Test func unicodeSplitAnywhere() throws {
        #expect(try decode("{\"k\":\"Zoë 👩‍💻\"}\n\"名前\"\n") == [["k": "Zoë 👩‍💻"], "名前"])
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try decode("\u{FEFF}{\"a\":1}\n") == [["a": 1]])
    }

    @Test("malformed lines name their number", arguments: [
        ("{\"a\":1}\n{\"a\":\n", 2),
        ("1\n2\n3 4\n", 3),
        ("[1,2]\n\n{\"a\":1}{\"b\":2}\n", 3),
        ("{\"a\":1}\n{\"unterminated\"", 2),
    ])
    func malformed(text: String, line: Int) {
        let error = ItemDecoderFeeding.failure(JSONLinesItemDecoder(), text, chunkSize: 2)
        #expect(error?.error == "States.ItemReaderFailed")
        #expect(error?.cause.hasPrefix("Line \(line) of the JSONL file is not valid JSON") == true)
    }

    @Test func oversizedLineFails() {
        let decoder = JSONLinesItemDecoder(maximumLineBytes: 8)
        #expect(ItemDecoderFeeding.failure(decoder, "\"123456\"\r\n1\n") == nil)
        let error = ItemDecoderFeeding.failure(decoder, "1\n\"1234567\"\n", chunkSize: 3)
        #expect(error?.error == "States.ItemReaderFailed")
        #expect(error?.cause.hasPrefix("Line 2 of the JSONL file exceeds") == true)
    }

    @Test func manyLinesStreamWithBoundedBuffers() throws {
        var decoder = JSONLinesItemDecoder()
        var pending: [UInt8] = []
        var count = 0
        for index in 0..<100_000 {
            pending += Array("{\"n\":\(index)}\n".utf8)
            if pending.count >= 5000 {
                count += try decoder.feed(pending).count
                pending.removeAll(keepingCapacity: true)
            }
        }
        count += try decoder.feed(pending).count
        count += try decoder.finish().count
        #expect(count == 100_000)
    }
}
