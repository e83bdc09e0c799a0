import BrumeWire
import Testing

@testable import BrumeStates

/// Parses JSON text written in a test.
private func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8))
}

/// A stand-in for the JSONPath engine: `$` and dotted member paths over `input`.
private func resolver(_ input: JSONValue) -> (String) throws(StatesError) -> JSONValue? {
    { (path: String) throws(StatesError) -> JSONValue? in
        guard path.hasPrefix("$") else { return nil }
        var value: JSONValue? = input
        for name in path.dropFirst().split(separator: ".") { value = value?[String(name)] }
        return value
    }
}

private func rule(_ text: String) throws -> ChoiceRule {
    try ChoiceRule.parse(json(text), path: "/States/Decide/Choices[0]")
}

private func matches(_ ruleText: String, _ inputText: String) throws -> Bool {
    try rule(ruleText).matches(resolve: resolver(json(inputText)))
}

private func runtimeError(_ ruleText: String, _ inputText: String) throws -> StatesError? {
    let parsed = try rule(ruleText)
    let resolve = try resolver(json(inputText))
    do {
        _ = try parsed.matches(resolve: resolve)
        return nil
    } catch {
        return error
    }
}

@Suite("Choice rules: the AWS documentation's examples")
struct ChoiceDocumentationExampleTests {
    /// The "ChoiceStateX" example of the Choice workflow state page.
    static let choiceStateX = """
        [
          {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
          {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
          {"And": [
            {"Variable": "$.value", "NumericGreaterThanEquals": 20},
            {"Variable": "$.value", "NumericLessThan": 30}
          ], "Next": "ValueInTwenties"},
          {"Variable": "$.value", "NumericLessThan": -5, "Next": "LessThanMinusFive"}
        ]
        """

    @Test("ChoiceStateX routes as documented", arguments: [
        (#"{"type": "Private", "value": 22}"#, "ValueInTwenties"),
        (#"{"type": "Public", "value": 22}"#, "Public"),
        (#"{"type": "Private", "value": 0}"#, "ValueIsZero"),
        (#"{"type": "Private", "value": -6}"#, "LessThanMinusFive"),
        (#"{"type": "Private", "value": 30}"#, "DefaultState"),
        (#"{"type": "Private", "value": 19.5}"#, "DefaultState"),
    ])
    func choiceStateX(input: String, expected: String) throws {
        let rules = try ChoiceBranch.parseChoices(json(Self.choiceStateX), path: "/States/ChoiceStateX/Choices")
        let decision = try ChoiceEvaluation.choose(rules: rules, default: "DefaultState", resolve: resolver(json(input)))
        #expect(decision.next == expected)
    }

    @Test func documentedSnippets() throws {
        #expect(try matches(#"{"Variable": "$.foo", "NumericEquals": 1}"#, #"{"foo": 1}"#))
        #expect(try matches(#"{"Variable": "$.foo", "StringEquals": "MyString"}"#, #"{"foo": "MyString"}"#))
        #expect(try matches(#"{"Variable": "$.foo", "StringGreaterThan": "MyStringABC"}"#, #"{"foo": "MyStringABD"}"#))
        #expect(try !matches(#"{"Variable": "$.foo", "StringGreaterThan": "MyStringABC"}"#, #"{"foo": "MyStringAB"}"#))
        #expect(try matches(#"{"Variable": "$.possiblyNullValue", "IsNull": true}"#, #"{"possiblyNullValue": null}"#))
        #expect(try matches(#"{"Variable": "$.foo", "StringMatches": "log-*.txt"}"#, #"{"foo": "log-2024-01.txt"}"#))
        #expect(try matches(#"{"Variable": "$.foo", "TimestampEquals": "2001-01-01T12:00:00Z"}"#, #"{"foo": "2001-01-01T12:00:00Z"}"#))
        #expect(try matches(#"{"Variable": "$.foo", "StringEqualsPath": "$.bar"}"#, #"{"foo": "x", "bar": "x"}"#))
    }

    /// IsPresent guards a comparison that would otherwise fail on a missing key.
    @Test func isPresentGuardsTheComparisonAfterIt() throws {
        let guarded = #"""
            {"And": [
              {"Variable": "$.keyThatMightNotExist", "IsPresent": true},
              {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}
            ]}
            """#
        #expect(try !matches(guarded, "{}"))
        #expect(try matches(guarded, #"{"keyThatMightNotExist": "foo"}"#))
    }
}

@Suite("Choice rules: evaluation semantics")
struct ChoiceEvaluationSemanticsTests {
    @Test func everyOrdering() throws {
        let cases: [(String, JSONValue, Bool)] = [
            ("NumericLessThan", 2, true), ("NumericLessThan", 3, false),
            ("NumericGreaterThan", 4, true), ("NumericGreaterThan", 3, false),
            ("NumericLessThanEquals", 3, true), ("NumericLessThanEquals", 4, false),
            ("NumericGreaterThanEquals", 3, true), ("NumericGreaterThanEquals", 2, false),
        ]
        for (name, value, expected) in cases {
            let parsed = try rule(#"{"Variable": "$.v", "\#(name)": 3}"#)
            #expect(try parsed.matches(resolve: resolver(.object(["v": value]))) == expected, "\(name) \(value)")
        }
        #expect(try matches(#"{"Variable": "$.v", "StringLessThanEquals": "b"}"#, #"{"v": "b"}"#))
        #expect(try matches(#"{"Variable": "$.v", "StringGreaterThanEquals": "b"}"#, #"{"v": "c"}"#))
        #expect(try matches(#"{"Variable": "$.v", "StringLessThan": "b"}"#, #"{"v": "a"}"#))
        #expect(try matches(#"{"Variable": "$.v", "TimestampLessThan": "2020-01-01T00:00:00Z"}"#, #"{"v": "2019-12-31T23:59:59.999Z"}"#))
        #expect(try matches(#"{"Variable": "$.v", "TimestampGreaterThanEquals": "2020-01-01T01:00:00+01:00"}"#, #"{"v": "2020-01-01T00:00:00Z"}"#))
        #expect(try matches(#"{"Variable": "$.v", "BooleanEquals": false}"#, #"{"v": false}"#))
        #expect(try matches(#"{"Variable": "$.v", "BooleanEqualsPath": "$.w"}"#, #"{"v": true, "w": true}"#))
        #expect(try matches(#"{"Variable": "$.v", "TimestampLessThanPath": "$.w"}"#, #"{"v": "2020-01-01T00:00:00Z", "w": "2020-01-02T00:00:00Z"}"#))
        #expect(try matches(#"{"Variable": "$.v", "NumericGreaterThanPath": "$.w"}"#, #"{"v": 2.5, "w": 2}"#))
    }

    @Test func aValueOfTheWrongTypeIsFalseNotAnError() throws {
        #expect(try !matches(#"{"Variable": "$.v", "NumericEquals": 1}"#, #"{"v": "1"}"#))
        #expect(try !matches(#"{"Variable": "$.v", "StringEquals": "1"}"#, #"{"v": 1}"#))
        #expect(try !matches(#"{"Variable": "$.v", "BooleanEquals": true}"#, #"{"v": "true"}"#))
        #expect(try !matches(#"{"Variable": "$.v", "TimestampEquals": "2020-01-01T00:00:00Z"}"#, #"{"v": "2020-01-01"}"#))
        #expect(try !matches(#"{"Variable": "$.v", "StringMatches": "*"}"#, #"{"v": null}"#))
        #expect(try !matches(#"{"Variable": "$.v", "NumericLessThanEqualsPath": "$.w"}"#, #"{"v": 8, "w": {"value": 8}}"#))
        #expect(try !matches(#"{"Variable": "$.v", "NumericEquals": 1}"#, #"{"v": null}"#))
    }

    @Test func numbersCompareByValueAcrossIntAndDouble() throws {
        #expect(try matches(#"{"Variable": "$.v", "NumericEquals": 1}"#, #"{"v": 1.0}"#))
        #expect(try matches(#"{"Variable": "$.v", "NumericEquals": 1.0}"#, #"{"v": 1}"#))
        #expect(try matches(#"{"Variable": "$.v", "NumericLessThan": 1.5}"#, #"{"v": 1}"#))
        #expect(try matches(#"{"Variable": "$.v", "NumericGreaterThan": -1.5}"#, #"{"v": -1}"#))
        // 2^53 + 1 does not fit a double; the comparison must not round it.
        #expect(try matches(#"{"Variable": "$.v", "NumericGreaterThan": 9007199254740992.0}"#, #"{"v": 9007199254740993}"#))
        #expect(try matches(#"{"Variable": "$.v", "NumericLessThan": 1e300}"#, #"{"v": 9223372036854775807}"#))
    }

    @Test func stringsCompareByUTF16CodeUnitWithoutNormalising() throws {
        // U+1F600 is D83D DE00 in UTF-16, which sorts before U+FF61 although its scalar is larger.
        #expect(try matches(#"{"Variable": "$.v", "StringLessThan": "\uFF61"}"#, #"{"v": "😀"}"#))
        // Precomposed and decomposed é are different strings to Java.
        #expect(try !matches(#"{"Variable": "$.v", "StringEquals": "\u00E9"}"#, #"{"v": "e\u0301"}"#))
        #expect(try matches(#"{"Variable": "$.v", "StringLessThan": "a"}"#, #"{"v": "Z"}"#))
        #expect(try matches(#"{"Variable": "$.v", "StringLessThan": "ab"}"#, #"{"v": "a"}"#))
    }

    @Test func isOperators() throws {
        let input = #"{"n": null, "i": 1, "d": 1.5, "s": "x", "b": false, "t": "2016-03-14T01:59:00Z", "o": {}}"#
        #expect(try matches(#"{"Variable": "$.n", "IsNull": true}"#, input))
        #expect(try matches(#"{"Variable": "$.i", "IsNull": false}"#, input))
        #expect(try matches(#"{"Variable": "$.i", "IsNumeric": true}"#, input))
        #expect(try matches(#"{"Variable": "$.d", "IsNumeric": true}"#, input))
        #expect(try matches(#"{"Variable": "$.s", "IsNumeric": false}"#, input))
        #expect(try matches(#"{"Variable": "$.s", "IsString": true}"#, input))
        #expect(try matches(#"{"Variable": "$.t", "IsString": true}"#, input))
        #expect(try matches(#"{"Variable": "$.b", "IsBoolean": true}"#, input))
        #expect(try matches(#"{"Variable": "$.t", "IsTimestamp": true}"#, input))
        #expect(try matches(#"{"Variable": "$.s", "IsTimestamp": false}"#, input))
        #expect(try matches(#"{"Variable": "$.o", "IsPresent": true}"#, input))
        #expect(try matches(#"{"Variable": "$.missing", "IsPresent": false}"#, input))
        #expect(try matches(#"{"Variable": "$.n", "IsPresent": true}"#, input))
        #expect(try matches(#"{"Not": {"Variable": "$.missing", "IsPresent": true}}"#, input))
        #expect(try matches(#"{"Or": [{"Variable": "$.i", "IsString": true}, {"Variable": "$.s", "IsString": true}]}"#, input))
    }

    @Test func stringMatchesWildcardsAndEscapes() throws {
        let cases: [(pattern: String, text: String, expected: Bool)] = [
            (#"log-*.txt"#, "log-.txt", true),
            (#"log-*.txt"#, "log-a.txt.gz", false),
            (#"*"#, "", true),
            (#"a*b*c"#, "aXbYbZc", true),
            (#"a*b*c"#, "acb", false),
            (#"**x"#, "yyx", true),
            (#"log-\\*.txt"#, "log-*.txt", true),    // JSON "\\*" is the escape \*
            (#"log-\\*.txt"#, "log-1.txt", false),
            (#"a\\\\b"#, #"a\b"#, true),              // JSON "\\\\" is the escape \\
            (#"a\\\\*"#, #"a\bcd"#, true),            // \\ then a real wildcard
            (#"?.["#, "?.[", true),                   // no other metacharacters
            (#"é*"#, "été", true),
        ]
        for (pattern, text, expected) in cases {
            let parsed = try rule(#"{"Variable": "$.v", "StringMatches": "\#(pattern)"}"#)
            #expect(try parsed.matches(resolve: resolver(.object(["v": .string(text)]))) == expected, "\(pattern) ~ \(text)")
        }
    }

    @Test func aMissingVariableIsARuntimeError() throws {
        let error = try runtimeError(#"{"Variable": "$.foo", "NumericEquals": 1}"#, "{}")
        #expect(error == StatesError("States.Runtime", "Invalid path '$.foo': The choice state's condition path references an invalid value."))
        // Every operator but IsPresent fails the same way, Is... included.
        for name in ["IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"] {
            #expect(try runtimeError(#"{"Variable": "$.x", "\#(name)": false}"#, "{}")?.error == "States.Runtime", "\(name)")
        }
        #expect(try runtimeError(#"{"Variable": "$.x", "StringMatches": "*"}"#, "{}")?.error == "States.Runtime")
    }

    @Test func aMissingSecondPathIsARuntimeError() throws {
        let error = try runtimeError(#"{"Variable": "$.left", "NumericLessThanEqualsPath": "$.right"}"#, #"{"left": 8}"#)
        #expect(error == .runtime("Invalid path '$.right': The choice state's condition path references an invalid value."))
    }

    @Test func combinatorsShortCircuit() throws {
        // The second rule would fail on its missing path; And stops at the first false rule.
        #expect(try !matches(#"{"And": [{"Variable": "$.a", "IsNull": false}, {"Variable": "$.missing", "IsNull": true}]}"#, #"{"a": null}"#))
        #expect(try matches(#"{"Or": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.missing", "IsNull": true}]}"#, #"{"a": null}"#))
    }
}

@Suite("Choice state: choosing the transition")
struct ChoiceChooseTests {
    let rules: [ChoiceBranch]

    init() throws {
        rules = try ChoiceBranch.parseChoices(json(#"""
            [
              {"Variable": "$.n", "NumericEquals": 1, "Next": "One", "Assign": {"picked": "one"}},
              {"Variable": "$.n", "NumericEquals": 2, "Next": "Two", "Comment": "the second"},
              {"Variable": "$.missing", "IsNull": true, "Next": "Never"}
            ]
            """#), path: "/States/Decide/Choices")
    }

    @Test func theFirstMatchWinsAndCarriesItsAssign() throws {
        let one = try ChoiceEvaluation.choose(rules: rules, default: "Other", resolve: resolver(json(#"{"n": 1}"#)))
        #expect(one == .init(next: "One", assign: ["picked": "one"]))
        let two = try ChoiceEvaluation.choose(rules: rules, default: "Other", resolve: resolver(json(#"{"n": 2}"#)))
        #expect(two == .init(next: "Two", assign: nil))
    }

    @Test func aRuleErrorFailsTheStateEvenWithADefault() throws {
        #expect(throws: StatesError.runtime("Invalid path '$.missing': The choice state's condition path references an invalid value.")) {
            try ChoiceEvaluation.choose(rules: rules, default: "Other", resolve: resolver(json(#"{"n": 3}"#)))
        }
    }

    @Test func noMatchTakesDefaultOrFails() throws {
        let only = [rules[0]]
        let fallback = try ChoiceEvaluation.choose(rules: only, default: "Other", resolve: resolver(json(#"{"n": 3}"#)))
        #expect(fallback == .init(next: "Other", assign: nil))
        #expect(throws: StatesError("States.NoChoiceMatched", ChoiceEvaluation.noChoiceMatchedCause)) {
            try ChoiceEvaluation.choose(rules: only, default: nil, resolve: resolver(json(#"{"n": 3}"#)))
        }
    }
}
