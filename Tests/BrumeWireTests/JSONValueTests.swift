import BrumeWire
import Testing

@Suite struct JSONValueTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    static func reason(_ text: String) -> JSONParseError.Reason? {
        reason(Array(text.utf8))
    }

    static func reason(_ bytes: [UInt8]) -> JSONParseError.Reason? {
        do {
            _ = try JSONValue.parse(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    static func text(_ value: JSONValue) -> String {
        String(decoding: value.serialized, as: UTF8.self)
    }

    // MARK: Parsing

    @Test func parsesEveryKindOfValue() throws {
        let value = try Self.parse(#" { "a" : [1, -2.5, true, false, null, "x"], "b": {"c": {}} , "d": [] } "#)
        #expect(value == ["a": [1, -2.5, true, false, nil, "x"], "b": ["c": [:]], "d": []])
    }

    @Test func distinguishesIntegersFromDoubles() throws {
        #expect(try Self.parse("1") == .int(1))
        #expect(try Self.parse("-0") == .int(0))
        #expect(try Self.parse("1.0") == .double(1))
        #expect(try Self.parse("1e2") == .double(100))
        #expect(try Self.parse("1E-2") == .double(0.01))
        #expect(try Self.parse("9223372036854775807") == .int(.max))
        #expect(try Self.parse("-9223372036854775808") == .int(.min))
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        #expect(try Self.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try Self.parse("-9223372036854775809") == .double(-9_223_372_036_854_775_808))
        #expect(try Self.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    @Test func decodesEscapes() throws {
        #expect(try Self.parse(#""\"\\\/\b\f\n\r\t""#) == "\"\\/\u{8}\u{C}\n\r\t")
        #expect(try Self.parse(#""\u0041\u00e9\u20AC""#) == "Aé€")
        #expect(try Self.parse(#""a\u0000b""#) == "a\u{0}b")
    }

    @Test func pairsSurrogatesInUnicodeEscapes() throws {
        #expect(try Self.parse(#""\uD83D\uDE00""#) == "😀")
        #expect(try Self.parse(#""x\ud834\udd1ey""#) == "x𝄞y")
    }

    @Test func keepsRawUTF8() throws {
        #expect(try Self.parse(#""héllo 😀 日本""#) == "héllo 😀 日本")
        #expect(try Self.parse(#"{"ключ":"значение"}"#)["ключ"] == "значение")
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try Self.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test func parsesAnyByteCollection() throws {
        let bytes = Array(#"{"k":[1]}"#.utf8)
        #expect(try JSONValue.parse(bytes[...]) == ["k": [1]])
        #expect(try JSONValue.parse(bytes.lazy.map { $0 }) == ["k": [1]])
    }

    @Test(arguments: [
        ("", JSONParseError.Reason.unexpectedEnd),
        ("  ", .unexpectedEnd),
        ("[1,", .unexpectedEnd),
        (#""abc"#, .unexpectedEnd),
        ("{} x", .trailingData),
        ("1 2", .trailingData),
        ("[1]]", .trailingData),
        ("01", .invalidNumber),
        ("-01", .invalidNumber),
        ("00", .invalidNumber),
        ("1.", .unexpectedEnd),
        ("1.e3", .invalidNumber),
        ("-", .unexpectedEnd),
        ("-a", .invalidNumber),
        ("1e", .unexpectedEnd),
        ("1e+x", .invalidNumber),
        (".5", .unexpectedByte),
        ("+1", .unexpectedByte),
        ("1e400", .invalidNumber),
        ("[1,]", .unexpectedByte),
        (#"{"a":1,}"#, .unexpectedByte),
        ("{a:1}", .unexpectedByte),
        (#"{"a" 1}"#, .unexpectedByte),
        ("tru", .unexpectedEnd),
        ("nul1", .unexpectedByte),
        ("True", .unexpectedByte),
        (#""\x""#, .invalidEscape),
        (#""\'""#, .invalidEscape),
        (#""\u12G4""#, .invalidEscape),
        (#""\uD83D""#, .loneSurrogate),
        (#""\uD83Dx""#, .loneSurrogate),
        (#""\uD83D\u0041""#, .loneSurrogate),
        (#""\uDE00""#, .loneSurrogate),
        ("\"a\tb\"", .controlCharacter),
        ("\"a\nb\"", .controlCharacter),
    ])
    func rejectsMalformedInput(input: String, expected: JSONParseError.Reason) {
        #expect(Self.reason(input) == expected, "\(input)")
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22],                   // never valid in UTF-8
        [0x22, 0xC0, 0x80, 0x22],             // overlong NUL
        [0x22, 0xE0, 0x80, 0x80, 0x22],       // overlong three-byte form
        [0x22, 0xED, 0xA0, 0x80, 0x22],       // encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // beyond U+10FFFF
        [0x22, 0xC3, 0x22],                   // truncated sequence
        [0x22, 0x80, 0x22],                   // stray continuation byte
    ] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(Self.reason(bytes) == .invalidUTF8)
    }

    @Test func reportsTheOffendingOffset() {
        #expect(throws: JSONParseError(.trailingData, "Unexpected data after the JSON document", offset: 3)) {
            try Self.parse("{} x")
        }
        do {
            _ = try Self.parse(#"["ok", "bad\q"]"#)
            Issue.record("expected a failure")
        } catch {
            #expect(error.offset == 11)
            #expect(error.description.contains("at byte 11"))
        }
    }

    @Test func limitsNestingDepth() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try Self.parse(deepest).arrayValue?.count == 1)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(Self.reason(tooDeep) == .tooDeep)
        let tooDeepObjects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(Self.reason(tooDeepObjects) == .tooDeep)
    }

    // MARK: Accessors

    @Test func accessorsReadTheMatchingCase() throws {
        let value: JSONValue = ["s": "text", "i": 7, "d": 3.0, "f": 2.5, "b": true, "a": [1], "n": nil]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.intValue == 7)
        #expect(value["d"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 7)
        #expect(JSONValue.string("x")["s"] == nil)
        #expect(JSONValue.int(1).stringValue == nil)
    }

    // MARK: Writing

    @Test func writesCompactJSONInMemberOrder() {
        let value: JSONValue = ["b": [1, "two", nil, false], "a": ["z": 1, "y": true], "c": -5]
        #expect(Self.text(value) == #"{"b":[1,"two",null,false],"a":{"z":1,"y":true},"c":-5}"#)
    }

    @Test func parsingKeepsMemberOrderAndEqualityIgnoresIt() throws {
        let parsed = try JSONValue.parse(Array(#"{"z":1,"a":{"y":2,"b":3},"m":[]}"#.utf8))
        #expect(Self.text(parsed) == #"{"z":1,"a":{"y":2,"b":3},"m":[]}"#)
        #expect(parsed == ["m": [], "a": ["b": 3, "y": 2], "z": 1])
        #expect(parsed.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func objectMembersCanBeReplacedAndRemovedInPlace() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        object["a"] = "one"
        object["d"] = 4
        #expect(object.keys == ["a", "c", "d"])
        #expect(object["c"] == 3 && object["a"] == "one" && object["b"] == nil)
        #expect(JSONObject(["y": 1, "x": 2]).keys == ["x", "y"])
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let value: JSONValue = .string("q\" b\\ s/ n\n r\r t\t \u{8}\u{C}\u{1}\u{1F} é😀")
        #expect(Self.text(value) == #""q\" b\\ s/ n\n r\r t\t \b\f\u0001\u001f é😀""#)
    }

    @Test func writesDoubles() {
        #expect(Self.text(.double(3)) == "3")
        #expect(Self.text(.double(-42)) == "-42")
        #expect(Self.text(.double(0.1)) == "0.1")
        #expect(Self.text(.double(1.5)) == "1.5")
        #expect(Self.text(.double(9_007_199_254_740_992)) == "9007199254740992")
        #expect(Self.text(.double(1e20)) == "1e+20")
        #expect(Self.text(.double(.nan)) == "null")
        #expect(Self.text(.double(-.infinity)) == "null")
        #expect(Self.text(.int(.min)) == "-9223372036854775808")
        #expect(Self.text(.int(0)) == "0")
    }

    @Test func writesIntegersOfEveryLength() {
        var values: [Int64] = [0, 9, 10, -1, -9, -10, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power]
        }
        for value in values { #expect(Self.text(.int(value)) == String(value)) }
        #expect(Self.text([1, 22, -333]) == "[1,22,-333]")
    }

    @Test(arguments: [
        #"{"a":[1,2.5,-3e-7,true,false,null],"b":"\"esc\"\n","c":{"d":{}},"e":[]}"#,
        #"["\u0000","😀","日本",1e+300,-9223372036854775808]"#,
        #""plain""#,
    ])
    func roundTrips(text: String) throws {
        let value = try Self.parse(text)
        let written = value.serialized
        #expect(try JSONValue.parse(written) == value)
        #expect(try JSONValue.parse(written).serialized == written)
    }

    @Test func writingAppendsToExistingOutput() {
        var output = Array("prefix:".utf8)
        JSONValue.bool(true).write(into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:true")
    }
}
