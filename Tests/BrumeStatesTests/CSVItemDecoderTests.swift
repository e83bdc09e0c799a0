import BrumeWire
import Testing

@testable import BrumeStates

@Suite("CSV item decoder")
struct CSVItemDecoderTests {
    private func decode(_ text: String, delimiter: CSVDelimiter = .comma, headers: CSVHeaderLocation = .firstRow) throws -> [JSONValue] {
        try ItemDecoderFeeding.decodeEverySplit(CSVItemDecoder(delimiter: delimiter, headerLocation: headers), text)
    }

    @Test func firstRowNamesTheColumns() throws {
        let items = try decode("id,name\n1,Ada\n2,Grace\n")
        #expect(items == [["id": "1", "name": "Ada"], ["id": "2", "name": "Grace"]])
        // Members come in header order, as AWS writes them.
        #expect(items.first?.objectValue?.keys == ["id", "name"])
    }

    @Test func givenHeadersMakeEveryRecordAnItem() throws {
        let items = try decode("1,Ada\n2,Grace", headers: .given(["id", "name"]))
        #expect(items == [["id": "1", "name": "Ada"], ["id": "2", "name": "Grace"]])
    }

    @Test("AWS's documented example", .tags(.awsDocumented))
    func awsParsingExample() throws {
        // From "How Step Functions parses input CSV files".
        let text = #"abc,123,"This string contains commas, a double quotation marks (""), and a newline ("# + "\n"
            + #")",{""MyKey"":""MyValue""},"[1,2,3]""# + "\n"
        let items = try decode(text, headers: .given(["MyLetters", "MyNumbers", "MyString", "MyObject", "MyArray"]))
        #expect(items == [[
            "MyLetters": "abc",
            "MyNumbers": "123",
            "MyString": "This string contains commas, a double quotation marks (\"), and a newline (\n)",
            "MyObject": #"{"MyKey":"MyValue"}"#,
            "MyArray": "[1,2,3]",
        ]])
    }

    @Test func quotedFieldsKeepDelimitersAndLineBreaks() throws {
        let items = try decode("a,b\n\"x,y\",\"line1\r\nline2\"\r\n\"\",\"say \"\"hi\"\"\"\r\n")
        #expect(items == [["a": "x,y", "b": "line1\r\nline2"], ["a": "", "b": "say \"hi\""]])
    }

    @Test("line breaks", arguments: ["a\n1\n2\n", "a\r\n1\r\n2\r\n", "a\r1\r2\r", "a\n1\r\n2", "a\r\n1\n2\r\n"])
    func lineBreaks(text: String) throws {
        #expect(try decode(text) == [["a": "1"], ["a": "2"]])
    }

    @Test func fewerFieldsGetEmptyStringsAndExtraFieldsAreSkipped() throws {
        let items = try decode("a,b,c\n1\n1,2\n1,2,3,4,5\n")
        #expect(items == [
            ["a": "1", "b": "", "c": ""],
            ["a": "1", "b": "2", "c": ""],
            ["a": "1", "b": "2", "c": "3"],
        ])
    }

    @Test func emptyFieldsAreEmptyStrings() throws {
        #expect(try decode("a,b,c\n,,\n1,,\n") == [["a": "", "b": "", "c": ""], ["a": "1", "b": "", "c": ""]])
    }

    @Test func emptyLinesAreSkipped() throws {
        #expect(try decode("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n") == [["a": "1", "b": "2"], ["a": "3", "b": "4"]])
    }

    @Test("empty and header-only files have no items", arguments: ["", "\n", "a,b", "a,b\n", "a,b\r\n\r\n"])
    func noItems(text: String) throws {
        #expect(try decode(text) == [])
    }

    @Test func emptyFileWithGivenHeadersHasNoItems() throws {
        #expect(try decode("", headers: .given(["a"])) == [])
    }

    @Test func lastRecordWithoutLineBreak() throws {
        #expect(try decode("a,b\n1,") == [["a": "1", "b": ""]])
        #expect(try decode("a,b\n\"1\",\"2\"") == [["a": "1", "b": "2"]])
    }

    @Test("delimiters", arguments: [
        (CSVDelimiter.comma, "a,b\n1,2|3;4 5\t6\n"),
        (.pipe, "a|b\n1|2,3;4 5\t6\n"),
        (.semicolon, "a;b\n1;2,3|4 5\t6\n"),
        (.space, "a b\n1 2,3|4;5\t6\n"),
        (.tab, "a\tb\n1\t2,3|4;5 6\n"),
    ])
    func delimiters(delimiter: CSVDelimiter, text: String) throws {
        let items = try decode(text, delimiter: delimiter)
        #expect(items.count == 1)
        #expect(items.first?["a"] == "1")
        #expect(items.first?["b"]?.stringValue?.hasPrefix("2") == true)
    }

    @Test func delimiterNames() {
        #expect(CSVDelimiter.allCases.map(\.rawValue) == ["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"])
        #expect(CSVDelimiter(rawValue: "PIPE") == .pipe)
    }

    @Test func quotedPipeFieldKeepsThePipe() throws {
        #expect(try decode("a|b\n\"x|y\"|z\n", delimiter: .pipe) == [["a": "x|y", "b": "z"]])
    }

    @Test func backslashEscapes() throws {
        // From AWS's documentation: doubled backslashes keep one.
        #expect(try decode(#"path,size"# + "\n" + #"C:\\Program Files\\MyApp.exe,6534512"#) == [
            ["path": #"C:\Program Files\MyApp.exe"#, "size": "6534512"],
        ])
        // An escaped delimiter does not separate; an escaped quote is a quote; before anything else
        // the backslash disappears.
        #expect(try decode("a,b\n" + #"x\,y,\"q\",\n"# + "\n" + #""in \"quotes\" \, \\ \z",2"# + "\n") == [
            ["a": "x,y", "b": "\"q\""],
            ["a": "in \"quotes\" , \\ z", "b": "2"],
        ])
        #expect(try decode("a|b\n" + #"x\|y|z\,w"#, delimiter: .pipe) == [["a": "x|y", "b": "z,w"]])
    }

    @Test func trailingBackslashIsDropped() throws {
        #expect(try decode("a\nx\\") == [["a": "x"]])
    }

    @Test func strayQuotesInsideUnquotedFieldsAreKept() throws {
        #expect(try decode("a,b\n5\" pipe,\"x\"y\n") == [["a": "5\" pipe", "b": "xy"]])
        #expect(try decode("a\nend\"") == [["a": "end\""]])
    }

    @Test func unicodeIsKeptWhateverTheChunking() throws {
        let items = try decode("名前,emoji\n\"Zoë, née Ą\",👩‍💻🇫🇷\n")
        #expect(items == [["名前": "Zoë, née Ą", "emoji": "👩‍💻🇫🇷"]])
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try decode("\u{FEFF}id,name\n1,Ada\n") == [["id": "1", "name": "Ada"]])
        // A BOM split across chunks is recognised too (decodeEverySplit splits inside it).
        #expect(try decode("\u{FEFF}x", headers: .given(["h"])) == [["h": "x"]])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var bytes = Array("a\n".utf8)
        bytes += [0x66, 0xFF, 0x6F, 0x0A]
        var decoder = CSVItemDecoder()
        #expect(try decoder.decodeAll(bytes) == [["a": "f\u{FFFD}o"]])
    }

    @Test func repeatedHeadersFail() {
        let fromFile = ItemDecoderFeeding.failure(CSVItemDecoder(), "a,b,a\n")
        #expect(fromFile == StatesError("States.ItemReaderFailed", "CSV headers cannot contain duplicates."))
        let given = ItemDecoderFeeding.failure(CSVItemDecoder(headerLocation: .given(["x", "x"])), "1,2\n")
        #expect(given == StatesError("States.ItemReaderFailed", "CSV headers cannot contain duplicates."))
    }

    @Test func unterminatedQuoteFails() {
        let failure = ItemDecoderFeeding.failure(CSVItemDecoder(), "a\n\"never closed\n1\n")
        #expect(failure?.error == "States.ItemReaderFailed")
    }

    @Test func oversizedRecordFails() {
        let decoder = CSVItemDecoder(maximumRecordBytes: 16)
        #expect(ItemDecoderFeeding.failure(decoder, "a\n0123456789abcdef\n") == nil)
        let failure = ItemDecoderFeeding.failure(decoder, "a\n0123456789abcdefg\n", chunkSize: 7)
        #expect(failure?.error == "States.ItemReaderFailed")
        #expect(failure?.cause.contains("16 bytes") == true)
    }

    @Test func headerRowOverTenKilobytesFails() {
        let wide = String(repeating: "h", count: 10_240)
        #expect(ItemDecoderFeeding.failure(CSVItemDecoder(), wide + "\nx\n", chunkSize: 1000) == nil)
        let failure = ItemDecoderFeeding.failure(CSVItemDecoder(), wide + "h\nx\n", chunkSize: 1000)
        #expect(failure?.error == "States.ItemReaderFailed")
        #expect(failure?.cause.contains("header") == true)
    }

    @Test func manyRecordsStreamWithBoundedBuffers() throws {
        // 200,000 records fed in 4 KiB chunks: every chunk returns only its complete records and the
        // decoder never holds more than one.
        var decoder = CSVItemDecoder(headerLocation: .given(["n", "text"]))
        var chunk: [UInt8] = []
        var count = 0
        var last: JSONValue?
        func drain(_ items: [JSONValue]) {
            count += items.count
            if let item = items.last { last = item }
        }
        for index in 0..<200_000 {
            chunk += Array("\(index),\"row, \"\"\(index)\"\"\"\r\n".utf8)
            if chunk.count >= 4096 {
                drain(try decoder.feed(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        drain(try decoder.feed(chunk))
        drain(try decoder.finish())
        #expect(count == 200_000)
        #expect(last == ["n": "199999", "text": "row, \"199999\""])
    }
}

extension Tag {
    /// Tests pinned to an example from AWS's documentation.
    @Tag static var awsDocumented: Self
}
