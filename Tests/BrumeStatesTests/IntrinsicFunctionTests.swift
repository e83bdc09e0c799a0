import BrumeWire
import Testing

@testable import BrumeStates

/// Resolves `$`, `$.a.b`, `$.list[0]`-free dotted paths against an input, enough to drive the
/// intrinsics without the real JSONPath engine.
private func resolver(_ input: JSONValue) -> (String) throws(StatesError) -> JSONValue {
    { (path: String) throws(StatesError) -> JSONValue in
        guard path.hasPrefix("$") else { throw .runtime("not a path: \(path)") }
        var value = input
        for key in path.dropFirst().split(separator: ".") {
            guard let member = value[String(key)] else {
                throw .runtime("The JsonPath argument for the field '\(path)' could not be found in the input")
            }
            value = member
        }
        return value
    }
}

private func evaluate(_ expression: String, _ input: JSONValue = [:]) throws(StatesError) -> JSONValue {
    try IntrinsicFunctions.evaluate(expression, resolve: resolver(input))
}

private func json(_ text: String) -> JSONValue {
    try! JSONValue.parse(Array(text.utf8))
}

/// Asserts that evaluation fails the way AWS reports a bad argument.
private func expectInvalid(_ expression: String, _ input: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation) {
    let function = String(expression.prefix(while: { $0 != "(" }))
    #expect(throws: StatesError.runtime("Invalid arguments in \(function)"), sourceLocation: sourceLocation) {
        try evaluate(expression, input)
    }
}

private func expectSyntaxError(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: IntrinsicSyntaxError.self, sourceLocation: sourceLocation) {
        try IntrinsicFunctions.validate(expression)
    }
}


@Suite("Intrinsic functions: the AWS documentation examples")
struct IntrinsicDocumentationExampleTests {
    @Test func array() throws {
        #expect(try evaluate("States.Array($.Id)", ["Id": 123456]) == [123456])
    }

    @Test func arrayPartition() throws {
        let input = json(#"{"inputArray": [1,2,3,4,5,6,7,8,9]}"#)
        #expect(try evaluate("States.ArrayPartition($.inputArray,4)", input) == json("[[1,2,3,4],[5,6,7,8],[9]]"))
    }

    @Test func arrayContains() throws {
        let input = json(#"{"inputArray": [1,2,3,4,5,6,7,8,9], "lookingFor": 5}"#)
        #expect(try evaluate("States.ArrayContains($.inputArray, $.lookingFor)", input) == true)
    }

    @Test func arrayRange() throws {
        #expect(try evaluate("States.ArrayRange(1, 9, 2)") == [1, 3, 5, 7, 9])
    }

    @Test func arrayGetItem() throws {
        let input = json(#"{"inputArray": [1,2,3,4,5,6,7,8,9], "index": 5}"#)
        #expect(try evaluate("States.ArrayGetItem($.inputArray, $.index)", input) == 6)
    }

    @Test func arrayLength() throws {
        #expect(try evaluate("States.ArrayLength($.inputArray)", json(#"{"inputArray": [1,2,3,4,5,6,7,8,9]}"#)) == 9)
    }

    @Test func arrayUnique() throws {
        #expect(try evaluate("States.ArrayUnique($.inputArray)", json(#"{"inputArray": [1,2,3,3,3,3,3,3,4]}"#)) == [1, 2, 3, 4])
    }

    @Test func base64Encode() throws {
        #expect(try evaluate("States.Base64Encode($.input)", ["input": "Data to encode"]) == "RGF0YSB0byBlbmNvZGU=")
    }

    /// The page shows "Decoded data" as the output, but the example input decodes to the text
    /// the encode example started from.
    @Test func base64Decode() throws {
        #expect(try evaluate("States.Base64Decode($.base64)", ["base64": "RGF0YSB0byBlbmNvZGU="]) == "Data to encode")
    }

    /// The page prints a 39-digit value (a `4` is missing); this is the real SHA-1.
    @Test func hash() throws {
        let input: JSONValue = ["Data": "input data", "Algorithm": "SHA-1"]
        #expect(try evaluate("States.Hash($.Data, $.Algorithm)", input) == "aaff4a450a104cd177d28d18d74485e8cae074b7")
    }

    @Test func jsonMerge() throws {
        let input = json(#"{"json1": { "a": {"a1": 1, "a2": 2}, "b": 2 }, "json2": { "a": {"a3": 1, "a4": 2}, "c": 3 }}"#)
        let merged = try evaluate("States.JsonMerge($.json1, $.json2, false)", input)
        #expect(merged == json(#"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}"#))
        #expect(String(decoding: merged.serialized, as: UTF8.self) == #"{"a":{"a3":1,"a4":2},"b":2,"c":3}"#)
    }

    @Test func stringToJson() throws {
        let input: JSONValue = ["escapedJsonString": #"{"foo": "bar"}"#]
        #expect(try evaluate("States.StringToJson($.escapedJsonString)", input) == ["foo": "bar"])
    }

    @Test func jsonToString() throws {
        let input: JSONValue = ["unescapedJson": ["foo": "bar"]]
        #expect(try evaluate("States.JsonToString($.unescapedJson)", input) == #"{"foo":"bar"}"#)
    }

    @Test func mathRandom() throws {
        let value = try #require(try evaluate("States.MathRandom($.start, $.end)", ["start": 1, "end": 999]).intValue)
        #expect((1..<999).contains(value))
    }

    @Test func mathAdd() throws {
        #expect(try evaluate("States.MathAdd($.value1, $.step)", ["value1": 111, "step": -1]) == 110)
    }

    @Test func stringSplitOnOneCharacter() throws {
        let input: JSONValue = ["inputString": "1,2,3,4,5", "splitter": ","]
        #expect(try evaluate("States.StringSplit($.inputString, $.splitter)", input) == ["1", "2", "3", "4", "5"])
    }

    @Test func stringSplitOnSeveralCharacters() throws {
        let input: JSONValue = ["inputString": "This.is+a,test=string", "splitter": ".+,="]
        #expect(try evaluate("States.StringSplit($.inputString, $.splitter)", input) == ["This", "is", "a", "test", "string"])
    }

    @Test func uuid() throws {
        let text = try #require(try evaluate("States.UUID()").stringValue)
        let groups = text.split(separator: "-").map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(text == text.lowercased())
        #expect(Array(text)[14] == "4")
        #expect("89ab".contains(Array(text)[19]))
    }

    @Test func formatWithLiteralTemplate() throws {
        #expect(try evaluate("States.Format('Hello, my name is {}.', $.name)", ["name": "Arnav"]) == "Hello, my name is Arnav.")
    }

    @Test func formatWithTemplateFromPath() throws {
        let input: JSONValue = ["name": "Arnav", "template": "Hello, my name is {}."]
        #expect(try evaluate("States.Format($.template, $.name)", input) == "Hello, my name is Arnav.")
    }

    /// The page's nine-call example parses, but its template has three `{}` for two values, so
    /// running it fails exactly as a count mismatch should.
    @Test func nineNestedCalls() throws {
        func expression(_ template: String) -> String {
            "States.Format('\(template)', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))"
        }
        let input: JSONValue = ["ImageRecipe": ["Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.2"]]
        try IntrinsicFunctions.validate(expression("{}.{}.{}"))
        expectInvalid(expression("{}.{}.{}"), input)
        #expect(try evaluate(expression("{}.{}"), input) == "1.0")
    }
}

@Suite("Intrinsic functions: escapes and syntax")
struct IntrinsicSyntaxTests {
    @Test func escapedQuotesAroundPlaceholders() throws {
        let expression = #"States.Format('Name: \'{}\', Surname: "{}"', $.name, $.surname)"#
        #expect(try evaluate(expression, ["name": "Gabriel", "surname": "Moreira"]) == #"Name: 'Gabriel', Surname: "Moreira""#)
    }

    @Test func escapedBracesAreNotPlaceholders() throws {
        #expect(try evaluate(#"States.Format('\{\} is {}', 'x')"#) == "{} is x")
        #expect(try evaluate(#"States.Format('\{{}\}', 7)"#) == "{7}")
    }

    @Test func escapedBackslash() throws {
        #expect(try evaluate(#"States.Format('C:\\dir {}', 1)"#) == #"C:\dir 1"#)
        #expect(try evaluate(#"States.Array('\\', '\'')"#) == [#"\"#, "'"])
    }

    @Test func anyOtherBackslashIsASyntaxError() {
        expectSyntaxError(#"States.Base64Decode('YWJj\nZA==')"#)
        expectSyntaxError(#"States.Format('trailing \')"#)
    }

    @Test func malformedTemplatesFailAtRunTime() {
        expectInvalid("States.Format('Hello {', $.a)", ["a": "x"])
        expectInvalid("States.Format('Hello {{}}', $.a)", ["a": "x"])
        expectInvalid("States.Format('}')")
        expectInvalid("States.Format($.t, 1)", ["t": "{ }"])
    }

    @Test func placeholderCountMustMatch() {
        expectInvalid("States.Format('{} {}', $.a)", ["a": "x"])
        expectInvalid("States.Format('{}', $.a, $.b)", ["a": "x", "b": "y"])
        expectInvalid("States.Format()")
        expectInvalid("States.Format($.t)", ["t": 123])
    }

    @Test func formatRendersNonStringsAsJSON() throws {
        let input = json(#"{"nil": null, "bool": false, "negative": -1, "fractional": 3.5, "huge": 9007199254740991, "object": {"k": [1, "a"]}}"#)
        let expression = "States.Format('{}|{}|{}|{}|{}|{}', $.nil, $.bool, $.negative, $.fractional, $.huge, $.object)"
        #expect(try evaluate(expression, input) == #"null|false|-1|3.5|9007199254740991|{"k":[1,"a"]}"#)
        #expect(try evaluate("States.Format('  {}  ', 'x')") == "  x  ")
        #expect(try evaluate("States.Format('no placeholders')") == "no placeholders")
    }

    @Test func literalsAndWhitespace() throws {
        #expect(try evaluate("States.Array( 42 ,true,null, 'hello', -7, 2.5, -0.25, 1e2 )") == [42, true, nil, "hello", -7, 2.5, -0.25, 100.0])
        #expect(try evaluate("States.Array()") == [])
        #expect(try evaluate("States.Array(1, States.Array(2, 3))") == [1, [2, 3]])
    }

    @Test func pathsReachTheResolverWhole() throws {
        var seen: [String] = []
        let resolve = { (path: String) throws(StatesError) -> JSONValue in
            seen.append(path)
            return .int(Int64(seen.count))
        }
        let expression = "States.Array($, $$.Execution.Input.x, $counter, $.abc.['def, ghi'], $.list[?(@.a == 1)] , $['x)'])"
        _ = try IntrinsicFunctions.evaluate(expression, resolve: resolve)
        #expect(seen == ["$", "$$.Execution.Input.x", "$counter", "$.abc.['def, ghi']", "$.list[?(@.a == 1)]", "$['x)']"])
    }

    @Test func malformedExpressions() {
        expectSyntaxError("States.Array($.a) trailing")
        expectSyntaxError("States.Array(")
        expectSyntaxError("States.Array([1,2])")
        expectSyntaxError("States.Array(1.)")
        expectSyntaxError("States.Array(.5)")
        expectSyntaxError("States.Array(01)")
        expectSyntaxError("States.Array(\"double\")")
        expectSyntaxError("States.Array('unterminated)")
        expectSyntaxError("States.ArrayGetItem($.arr, )")
        expectSyntaxError("States.Array(1,)")
        expectSyntaxError("States.Array(truex)")
        expectSyntaxError("States.Compare($.a, $.b)")
        expectSyntaxError("States.format('x')")
        expectSyntaxError("$.notACall")
    }

    @Test func atMostTenCallsInOneField() throws {
        let ten = String(repeating: "States.Array(", count: 10) + "1" + String(repeating: ")", count: 10)
        try IntrinsicFunctions.validate(ten)
        expectSyntaxError(String(repeating: "States.Array(", count: 11) + "1" + String(repeating: ")", count: 11))
    }

    @Test func syntaxErrorsSayWhereAndWhy() {
        #expect(throws: IntrinsicSyntaxError(message: "Unknown intrinsic function 'States.Nope'", offset: 0)) {
            try IntrinsicFunctions.validate("States.Nope()")
        }
        #expect(throws: IntrinsicSyntaxError(message: "Expected a digit after the decimal point", offset: 15)) {
            try IntrinsicFunctions.validate("States.Array(1.)")
        }
    }

    @Test func unvalidatedSyntaxErrorsFailAsRuntime() {
        #expect(throws: StatesError.self) { try evaluate("States.Array(") }
        do {
            _ = try evaluate("States.Array(")
        } catch {
            #expect(error.error == StatesErrorName.runtime)
        }
    }
}
