import BrumeWire
import Testing

@testable import BrumeStates

@Suite("JSON array item decoder")
struct JSONArrayItemDecoderTests {
    private func decode(_ text: String) throws -> [JSONValue] {
        try ItemDecoderFeeding.decodeEverySplit(JSONArrayItemDecoder(), text)
    }

    private func failure(_ text: String, chunkSize: Int = 1) -> StatesError? {
        ItemDecoderFeeding.failure(JSONArrayItemDecoder(), text, chunkSize: chunkSize)
    }

    @Test func elementsOfEveryKind() throws {
        let items = try decode(#"[{"a":1,"b":[true,null]}, [1,2], "s", -1.5e2, 0, true, false, null, {}, []]"#)
        #expect(items == [["a": 1, "b": [true, nil]], [1, 2], "s", -150.0, 0, true, false, nil, [:], []])
    }

    @Test func bracketsAndCommasInsideStringsAreText() throws {
        let items = try decode(#"["a]b", "c,d", {"k]":"v,[{"}, "esc \"]\" \\", ["\\\"]"]]"#)
        #expect(items == ["a]b", "c,d", ["k]": "v,[{"], #"esc "]" \"#, [#"\"]"#]])
    }

    @Test func whitespaceAnywhereBetweenTokens() throws {
        #expect(try decode(" \r\n\t[ \n1 ,\t\"x\"\r\n, { \"a\" : [ ] } ] \n ") == [1, "x", ["a": []]])
    }

    @Test func emptyArrayHasNoItems() throws {
        #expect(try decode("[]") == [])
        #expect(try decode(" [ \n ] \n") == [])
    }

    @Test func unicodeSplitAnywhere() throws {
        #expect(try decode(#"["Zoë 👩‍💻", {"名前": "\u00e9\ud83d\ude00"}]"#) == ["Zoë 👩‍💻", ["名前": "é😀"]])
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try decode("\u{FEFF}[1]") == [1])
    }

    @Test("a document that is not an array", arguments: [#"{"a":[1]}"#, #""text""#, "42", "true", "null"])
    func nonArrayDocument(text: String) {
        #expect(failure(text) == StatesError("States.ItemReaderFailed", "Attempting to map over non-iterable node."))
    }

    @Test("malformed files", arguments: [
        "",            // empty
        "   \n",       // only whitespace
        "[1,2",        // never closed
        "[1,",         // ends after a comma
        "[\"open",     // ends inside a string
        "[{\"a\":1}",  // ends after an element
        "[1,]",        // trailing comma
        "[,1]",        // leading comma
        "[1 2]",       // missing comma
        "[1]x",        // data after the array
        "[1][2]",      // a second document
        "[tru]",       // bad literal
        "[01]",        // leading zero
        "[{\"a\":1]]", // mismatched brackets
        "[{\"a\" 1}]", // missing colon
        "[\"\\x\"]",   // bad escape
    ])
    func malformed(text: String) {
        let error = failure(text)
        #expect(error?.error == "States.ItemReaderFailed")
        #expect(error?.cause != "Attempting to map over non-iterable node.")
    }

    @Test func failureNamesTheOffset() {
        let error = failure("[1, 2, 0x]", chunkSize: 3)
        #expect(error?.cause.contains("byte 8") == true)
    }

    @Test func itemsBeforeAFailureAreReturnedFirst() throws {
        var decoder = JSONArrayItemDecoder()
        #expect(try decoder.feed(Array("[1,2,".utf8)) == [1, 2])
        #expect(throws: StatesError.self) { try decoder.feed(Array("]".utf8)) }
    }

    @Test func oversizedElementFails() {
        let decoder = JSONArrayItemDecoder(maximumElementBytes: 10)
        #expect(ItemDecoderFeeding.failure(decoder, #"["12345678"]"#) == nil)
        let error = ItemDecoderFeeding.failure(decoder, #"[1, "123456789"]"#)
        #expect(error?.error == "States.ItemReaderFailed")
        #expect(error?.cause.contains("10 bytes") == true)
    }

    @Test func manyElementsStreamWithBoundedBuffers() throws {
        // 100,000 objects in 8 KiB chunks; each chunk returns exactly the elements it completed.
        var decoder = JSONArrayItemDecoder()
        var pending: [UInt8] = Array("[".utf8)
        var count = 0
        var sum: Int64 = 0
        func drain(_ items: [JSONValue]) {
            count += items.count
            for item in items { sum += item["n"]?.intValue ?? 0 }
        }
        for index in 0..<100_000 {
            if index > 0 { pending.append(UInt8(ascii: ",")) }
            pending += Array(#"{"n":\#(index),"s":"a],b\"}"}"#.utf8)
            if pending.count >= 8192 {
                drain(try decoder.feed(pending))
                pending.removeAll(keepingCapacity: true)
            }
        }
        pending.append(UInt8(ascii: "]"))
        drain(try decoder.feed(pending))
        drain(try decoder.finish())
        #expect(count == 100_000)
        #expect(sum == 4_999_950_000)
    }
}
