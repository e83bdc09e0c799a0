import BrumeWire
import Testing

@testable import BrumeStates

private func evaluate(_ expression: String, _ input: JSONValue = [:]) throws(StatesError) -> JSONValue {
    try IntrinsicFunctions.evaluate(expression) { (path: String) throws(StatesError) -> JSONValue in
        var value = input
        for key in path.dropFirst().split(separator: ".") {
            guard let member = value[String(key)] else { throw .runtime("missing \(path)") }
            value = member
        }
        return value
    }
}

private func expectInvalid(_ expression: String, _ input: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation) {
    let function = String(expression.prefix(while: { $0 != "(" }))
    #expect(throws: StatesError(StatesErrorName.runtime, "Invalid arguments in \(function)"), sourceLocation: sourceLocation) {
        try evaluate(expression, input)
    }
}

@Suite("Intrinsic functions: argument rules")
struct IntrinsicArgumentTests {
    @Test func argumentCounts() {
        for expression in [
            "States.ArrayRange(1, 5)", "States.ArrayRange(1, 5, 1, 99)", "States.ArrayPartition(States.Array(1))",
            "States.ArrayContains(States.Array(1))", "States.ArrayGetItem(States.Array(1))", "States.ArrayLength()",
            "States.ArrayUnique()", "States.Base64Encode('a', 'b')", "States.Base64Decode()", "States.Hash('hello')",
            "States.Hash('hello', 'SHA-256', 'extra')", "States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'))",
            "States.MathRandom(1)", "States.MathRandom(1, 10, 5, 99)", "States.MathAdd(1)", "States.StringSplit('a')",
            "States.UUID(1)", "States.StringToJson()", "States.JsonToString()",
        ] {
            expectInvalid(expression)
        }
    }

    /// AWS truncates fractions toward zero rather than rounding, whatever the documentation says.
    @Test func arrayRangeTruncatesAndLimits() throws {
        #expect(try evaluate("States.ArrayRange(1.4, 5.6, 2.2)") == [1, 3, 5])
        #expect(try evaluate("States.ArrayRange(1.6, 1.4, 1)") == [1])
        #expect(try evaluate("States.ArrayRange(5.4, -0.6, -2.4)") == [5, 3, 1])
        #expect(try evaluate("States.ArrayRange(-2, 2, 2)") == [-2, 0, 2])
        #expect(try evaluate("States.ArrayRange(3, 3, -1)") == [3])
        #expect(try evaluate("States.ArrayRange(5, 1, 1)") == [])
        #expect(try evaluate("States.ArrayRange(1, 5, -1)") == [])
        #expect(try evaluate("States.ArrayRange(1000, 1, -1)").arrayValue?.count == 1000)
        #expect(try evaluate("States.ArrayRange(1, 1000, 1)").arrayValue?.last == 1000)
        expectInvalid("States.ArrayRange(1, 1001, 1)")
        expectInvalid("States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)")
        expectInvalid("States.ArrayRange(1, 10, 0)")
        expectInvalid("States.ArrayRange(1, 10, 0.49)")
        expectInvalid("States.ArrayRange('a', 5, 1)")
        expectInvalid("States.ArrayRange(1, 5, null)")
    }

    @Test func arrayPartitionRules() throws {
        let input: JSONValue = ["arr": [1, 2, 3, 4, 5]]
        #expect(try evaluate("States.ArrayPartition($.arr, 2.6)", input) == [[1, 2], [3, 4], [5]])
        #expect(try evaluate("States.ArrayPartition($.arr, 2147483647)", input) == [[1, 2, 3, 4, 5]])
        #expect(try evaluate("States.ArrayPartition(States.Array(), 3)") == [])
        for size in ["0.49", "-0.4", "-1", "0", "'2'", "null", "0.6"] {
            expectInvalid("States.ArrayPartition($.arr, \(size))", input)
        }
        expectInvalid("States.ArrayPartition('not-array', 2)")
    }

    @Test func arrayGetItemRules() throws {
        let input: JSONValue = ["arr": [10, 20, 30], "empty": []]
        #expect(try evaluate("States.ArrayGetItem($.arr, 1.2)", input) == 20)
        #expect(try evaluate("States.ArrayGetItem($.empty, 999)", input) == nil)
        #expect(try evaluate("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)") == "y")
        expectInvalid("States.ArrayGetItem($.arr, 3)", input)
        expectInvalid("States.ArrayGetItem($.arr, -1)", input)
        expectInvalid("States.ArrayGetItem($.arr, '1')", input)
        expectInvalid("States.ArrayGetItem('not-array', 0)")
    }

    @Test func arrayContainsLengthUnique() throws {
        let input = try JSONValue.parse(Array(#"{"arr": [{"a": 1}, [1], null, "s"], "probe": {"a": 1}}"#.utf8))
        #expect(try evaluate("States.ArrayContains($.arr, $.probe)", input) == true)
        #expect(try evaluate("States.ArrayContains($.arr, null)", input) == true)
        #expect(try evaluate("States.ArrayContains($.arr, 'x')", input) == false)
        #expect(try evaluate("States.ArrayUnique(States.Array($.probe, 1, $.probe, 'a', 1))", input) == [["a": 1], 1, "a"])
        expectInvalid("States.ArrayContains('abc', 'a')")
        expectInvalid("States.ArrayLength('abc')")
        expectInvalid("States.ArrayUnique($.probe)", input)
    }

    @Test func base64Rules() throws {
        let limit = String(repeating: "a", count: 10_000)
        #expect(try evaluate("States.Base64Encode($.s)", ["s": .string(limit)]).stringValue?.count == 13_336)
        expectInvalid("States.Base64Encode($.s)", ["s": .string(limit + "a")])
        expectInvalid("States.Base64Encode(123)")
        #expect(try evaluate("States.Base64Encode('✓')") == "4pyT")
        #expect(try evaluate("States.Base64Decode('44GT44KT44Gr44Gh44Gv')") == "こんにちは")
        #expect(try evaluate("States.Base64Decode('')") == "")
        #expect(try evaluate("States.Base64Decode('YWJjAGRlZg==')") == "abc\u{0}def")
        // Lenient like AWS: junk skipped, missing padding tolerated, data after `=` ignored.
        #expect(try evaluate("States.Base64Decode(' YWJjZA== ')") == "abcd")
        #expect(try evaluate("States.Base64Decode('YWJjZA')") == "abcd")
        #expect(try evaluate("States.Base64Decode('YW==Jj')") == "a")
        #expect(throws: Never.self) { try evaluate("States.Base64Decode('!!!invalid!!!')") }
        expectInvalid("States.Base64Decode($.s)", ["s": .string(String(repeating: "A", count: 10_001))])
        expectInvalid("States.Base64Decode(123)")
        expectInvalid("States.Base64Decode(States.Array())")
    }

    @Test func hashRules() throws {
        let vectors: [(String, String)] = [
            ("MD5", "5d41402abc4b2a76b9719d911017c592"),
            ("SHA-1", "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"),
            ("SHA-256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
            ("SHA-384", "59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f"),
            ("SHA-512", "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"),
        ]
        for (algorithm, digest) in vectors {
            #expect(try evaluate("States.Hash('hello', '\(algorithm)')") == .string(digest))
        }
        #expect(try evaluate("States.Hash('🚀', 'SHA-256')") == "ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5")
        #expect(try evaluate("States.Hash(123, 'MD5')") == "202cb962ac59075b964b07152d234b70")
        #expect(throws: Never.self) { try evaluate("States.Hash($.s, 'SHA-256')", ["s": .string(String(repeating: "a", count: 10_000))]) }
        expectInvalid("States.Hash($.s, 'SHA-256')", ["s": .string(String(repeating: "a", count: 10_001))])
        for algorithm in ["'sha-256'", "'SHA256'", "''", "'MD-5'", "'SHA-257'", "123"] {
            expectInvalid("States.Hash('data', \(algorithm))")
        }
    }

    @Test func jsonRules() throws {
        let input = try JSONValue.parse(Array(#"{"ordered": {"z": 1, "a": [true, null], "m": "x"}, "text": "[1, 2.5, \"x\"]"}"#.utf8))
        #expect(try evaluate("States.JsonToString($.ordered)", input) == #"{"z":1,"a":[true,null],"m":"x"}"#)
        #expect(try evaluate("States.JsonToString($.text)", input) == #""[1, 2.5, \"x\"]""#)
        #expect(try evaluate("States.StringToJson($.text)", input) == [1, 2.5, "x"])
        #expect(try evaluate("States.StringToJson('\"x\"')") == "x")
        expectInvalid("States.StringToJson('{not json')")
        expectInvalid("States.StringToJson(States.Array())")
        let merged = try evaluate("States.JsonMerge($.ordered, States.StringToJson('{\"a\": 2, \"b\": 3}'), false)", input)
        #expect(String(decoding: merged.serialized, as: UTF8.self) == #"{"z":1,"a":2,"m":"x","b":3}"#)
        expectInvalid("States.JsonMerge($.ordered, $.ordered, true)", input)
        expectInvalid("States.JsonMerge($.ordered, $.ordered, 'false')", input)
        expectInvalid("States.JsonMerge($.ordered, $.text, false)", input)
    }

    @Test func mathRandomRules() throws {
        // Seeded results are java.util.Random's: new Random(42).nextInt(99) + 1 == 63.
        #expect(try evaluate("States.MathRandom(1, 100, 42)") == 63)
        #expect(try evaluate("States.MathRandom(1, 10, -10)") == 1)
        #expect(try evaluate("States.MathRandom(0, 16, 7)") == 11)
        #expect(try evaluate("States.MathRandom(1, 100, 42)") == (try evaluate("States.MathRandom(1, 100, 42.9)")))
        let wide = try #require(try evaluate("States.MathRandom(-1000000, 1000000)").intValue)
        #expect((-1_000_000..<1_000_000).contains(wide))
        for _ in 0..<50 {
            let value = try #require(try evaluate("States.MathRandom(1.6, 5.4)").intValue)
            #expect((1..<5).contains(value))
        }
        for arguments in ["1, 1", "10, 5", "1.4, 1.6", "1.49, 1.49", "'a', 10", "1, 'b'", "1, 10, 'seed'", "1, 10, null"] {
            expectInvalid("States.MathRandom(\(arguments))")
        }
    }

    @Test func mathAddRules() throws {
        #expect(try evaluate("States.MathAdd(1.5, 1)") == 2)
        #expect(try evaluate("States.MathAdd(2147483647, -2147483648)") == -1)
        #expect(try evaluate("States.MathAdd(States.ArrayLength(States.Array(1, 2)), -1)") == 1)
        expectInvalid("States.MathAdd($.a, $.b)", ["a": 1, "b": "NOT A NUMBER"])
        expectInvalid("States.MathAdd(2147483648, 1)")
        expectInvalid("States.MathAdd(null, 1)")
    }

    @Test func stringSplitRules() throws {
        #expect(try evaluate("States.StringSplit('a,,b,', ',')") == ["a", "b"])
        #expect(try evaluate("States.StringSplit('', ',')") == [])
        #expect(try evaluate("States.StringSplit('abc', '')") == ["abc"])
        expectInvalid("States.StringSplit(1, ',')")
        expectInvalid("States.StringSplit('a', 1)")
    }

    @Test func uuidIsVersion4FromTheGivenGenerator() throws {
        var first = SeededGenerator(state: 1)
        var second = SeededGenerator(state: 1)
        let a = try IntrinsicFunctions.evaluate("States.UUID()", resolve: { (_: String) throws(StatesError) in .null }, using: &first)
        let b = try IntrinsicFunctions.evaluate("States.UUID()", resolve: { (_: String) throws(StatesError) in .null }, using: &second)
        #expect(a == b)
        let text = try #require(a.stringValue)
        #expect(Array(text)[14] == "4")
    }
}

private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
