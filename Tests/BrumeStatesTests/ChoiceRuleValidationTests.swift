import BrumeWire
import Testing

@testable import BrumeStates

@Suite("Choice rules: definition-time validation")
struct ChoiceRuleValidationTests {
    private static let base = "/States/Decide/Choices"

    /// The message parsing `Choices` (given as JSON text) fails with, or nil when it parses.
    private func failure(_ choices: String) throws -> String? {
        let value = try JSONValue.parse(Array(choices.utf8))
        do {
            _ = try ChoiceBranch.parseChoices(value, path: Self.base)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("every operator parses", arguments: ChoiceRule.operatorNames)
    func everyOperatorParses(name: String) throws {
        let operand: String =
            if name.hasSuffix("Path") { #""$.other""# }
            else if name.hasPrefix("Is") || name.hasPrefix("Boolean") { "true" }
            else if name.hasPrefix("Numeric") { "1" }
            else if name.hasPrefix("Timestamp") { #""2016-03-14T01:59:00Z""# }
            else { #""text""# }
        #expect(try failure(#"[{"Variable": "$.v", "\#(name)": \#(operand), "Next": "A"}]"#) == nil)
    }

    @Test func theOperatorListIsComplete() {
        // 3 families x 5 orderings x (literal, Path) + StringMatches + BooleanEquals(Path) + 6 Is...
        #expect(ChoiceRule.operatorNames.count == 30 + 1 + 2 + 6)
        #expect(Set(ChoiceRule.operatorNames).count == ChoiceRule.operatorNames.count)
    }

    @Test func parsedShape() throws {
        let value = try JSONValue.parse(Array(#"""
            {"And": [{"Variable": "$.a", "StringEqualsPath": "$.b"},
                     {"Not": {"Variable": "$.c", "NumericLessThan": 2.5}}],
             "Next": "A", "Comment": "both"}
            """#.utf8))
        let branch = try ChoiceBranch.parse(value, path: "\(Self.base)[0]")
        #expect(branch.next == "A")
        #expect(branch.rule == .and([
            .comparison(variable: "$.a", test: .string(.equals, .path("$.b"))),
            .not(.comparison(variable: "$.c", test: .numeric(.lessThan, .literal(.double(2.5))))),
        ]))
    }

    @Test func choicesMustBeANonEmptyArrayOfObjects() throws {
        #expect(try failure("{}") == "SCHEMA_VALIDATION_FAILED: Expected value of type: Array at /States/Decide/Choices")
        #expect(try failure("[]") == "SCHEMA_VALIDATION_FAILED: Minimum number of items is 1 at /States/Decide/Choices")
        #expect(try failure(#"["x"]"#) == "SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States/Decide/Choices[0]")
    }

    @Test func aTopLevelRuleNeedsAStringNext() throws {
        #expect(try failure(#"[{"Variable": "$.v", "IsNull": true}]"#)
            == "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"Variable": "$.v", "IsNull": true, "Next": 1}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: String at /States/Decide/Choices[0]/Next")
    }

    @Test func aNestedRuleMayNotHaveNextOrAssign() throws {
        #expect(try failure(#"[{"And": [{"Variable": "$.v", "IsNull": true, "Next": "B"}], "Next": "A"}]"#)
            == #"SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/Decide/Choices[0]/And[0]"#)
        #expect(try failure(#"[{"Not": {"Variable": "$.v", "IsNull": true, "Next": "B"}, "Next": "A"}]"#)
            == #"SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/Decide/Choices[0]/Not"#)
        #expect(try failure(#"[{"Or": [{"Variable": "$.v", "IsNull": true, "Assign": {}}], "Next": "A"}]"#)
            == #"SCHEMA_VALIDATION_FAILED: Field 'Assign' is not supported at /States/Decide/Choices[0]/Or[0]"#)
    }

    @Test func unknownFieldsAreRejected() throws {
        #expect(try failure(#"[{"Variable": "$.v", "StringEqual": "x", "Next": "A"}]"#)
            == #"SCHEMA_VALIDATION_FAILED: Field 'StringEqual' is not supported at /States/Decide/Choices[0]"#)
        #expect(try failure(#"[{"Variable": "$.v", "IsNull": true, "Next": "A", "Assign": 1}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States/Decide/Choices[0]/Assign")
        #expect(try failure(#"[{"Variable": "$.v", "IsNull": true, "Next": "A", "Comment": 1}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: String at /States/Decide/Choices[0]/Comment")
    }

    @Test func jsonataFieldsAreNotSupported() throws {
        #expect(try failure(#"[{"Condition": "{% $x = 1 %}", "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"Variable": "$.v", "IsNull": true, "Output": {}, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/Decide/Choices[0]")
    }

    @Test func exactlyOneConditionPerRule() throws {
        #expect(try failure(#"[{"Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: There should be one of the following fields: [And, Or, Not, Variable] at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"StringEquals": "x", "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: These fields are required: [Variable] at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"Variable": "$.v", "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: The field 'Variable' requires exactly one comparison operator at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"Variable": "$.v", "StringEquals": "x", "IsNull": true, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [StringEquals, IsNull] at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"Variable": "$.v", "Not": {"Variable": "$.v", "IsNull": true}, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Not, Variable] at /States/Decide/Choices[0]")
        #expect(try failure(#"[{"And": [{"Variable": "$.v", "IsNull": true}], "IsNull": true, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [And, IsNull] at /States/Decide/Choices[0]")
    }

    @Test func combinatorOperands() throws {
        #expect(try failure(#"[{"And": [], "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Minimum number of items is 1 at /States/Decide/Choices[0]/And")
        #expect(try failure(#"[{"Or": {}, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: Array at /States/Decide/Choices[0]/Or")
        #expect(try failure(#"[{"Not": [], "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: Object at /States/Decide/Choices[0]/Not")
        #expect(try failure(#"[{"And": [{"Or": [{"Variable": "$.v", "NumericEquals": "1"}]}], "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: Number at /States/Decide/Choices[0]/And[0]/Or[0]/NumericEquals")
    }

    @Test func operandTypes() throws {
        let cases: [(String, String, String)] = [
            ("NumericEquals", #""1""#, "Expected value of type: Number"),
            ("NumericLessThan", "true", "Expected value of type: Number"),
            ("StringEquals", "1", "Expected value of type: String"),
            ("StringMatches", "1", "Expected value of type: String"),
            ("BooleanEquals", #""true""#, "Expected value of type: Boolean"),
            ("IsPresent", "1", "Expected value of type: Boolean"),
            ("IsTimestamp", "null", "Expected value of type: Boolean"),
            ("TimestampEquals", "1", "Expected value of type: String"),
            ("TimestampEquals", #""2016-03-14""#, "Value is not a valid timestamp"),
            ("TimestampGreaterThan", #""2016-03-14t01:59:00z""#, "Value is not a valid timestamp"),
            ("StringEqualsPath", "1", "Expected value of type: String"),
            ("NumericEqualsPath", #""other""#, "Value is not a Reference Path"),
        ]
        for (name, operand, reason) in cases {
            #expect(try failure(#"[{"Variable": "$.v", "\#(name)": \#(operand), "Next": "A"}]"#)
                == "SCHEMA_VALIDATION_FAILED: \(reason) at /States/Decide/Choices[0]/\(name)")
        }
        #expect(try failure(#"[{"Variable": "v", "IsNull": true, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/Decide/Choices[0]/Variable")
        #expect(try failure(#"[{"Variable": 1, "IsNull": true, "Next": "A"}]"#)
            == "SCHEMA_VALIDATION_FAILED: Expected value of type: String at /States/Decide/Choices[0]/Variable")
    }

    @Test func theErrorConvertsToADefinitionDiagnostic() {
        let error = ChoiceDefinitionError.required(["Next"], at: "/States/D/Choices[0]")
        #expect(error.diagnostic == DefinitionDiagnostic(
            code: "SCHEMA_VALIDATION_FAILED", message: "These fields are required: [Next]", location: "/States/D/Choices[0]"))
        #expect(error.diagnostic.description == error.message)
    }

    @Test func variablesAndContextPathsAreReferencePaths() throws {
        #expect(try failure(#"[{"Variable": "$$.Execution.Input.x", "IsPresent": true, "Next": "A"}]"#) == nil)
        #expect(try failure(#"[{"Variable": "$myVar", "StringEqualsPath": "$other", "Next": "A"}]"#) == nil)
    }
}
