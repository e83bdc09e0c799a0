@testable import BrumeStates
import BrumeWire
import Testing

/// A definition parses its paths once; states look them up by text and must get exactly what
/// parsing the text would give, with nested branches and item processors included.
@Suite struct ParsedPathsTests {
    static let definition = """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "InputPath": "$.in", "Parameters": {"x.$": "$.b[0]", "f.$": "States.Format('{}', $.c)",
                "nested": {"y.$": "$$.Execution.Id"}}, "ResultPath": "$.r['q']", "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "IsPresent": true, "Next": "M"}], "Default": "M"},
          "M": {"Type": "Map", "ItemsPath": "$.items[*].id", "ItemSelector": {"v.$": "$$.Map.Item.Value"},
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "OutputPath": "$v", "End": true}}}]}}},
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "End"}], "Next": "End"},
          "End": {"Type": "Pass", "Result": {"literal.$": "not a template"}, "End": true}
        }}
        """

    @Test func everyPathOfTheDefinitionIsParsedOnceAndAsItsTextParses() throws {
        let paths = try StateMachineDefinition.parse(Self.definition).paths
        #expect(Set(paths.selections.keys) == [
            "$.in", "$.b[0]", "$$.Execution.Id", "$.r['q']", "$.n", "$.items[*].id", "$$.Map.Item.Value", "$.s", "$v", "$.error",
        ])
        for (text, path) in paths.selections { #expect(path == (try JSONPath(text))) }
        // Only the texts that are reference paths (input-rooted, definite) are kept as such.
        #expect(Set(paths.references.keys) == ["$.in", "$.b[0]", "$.r['q']", "$.n", "$.s", "$.error"])
        for (text, path) in paths.references { #expect(path == (try ReferencePath.parse(text))) }
    }

    @Test func aPathNotCollectedIsParsedWhereItIsUsed() throws {
        let paths = ParsedPaths.empty
        #expect(try paths.selection("$.a.b") == JSONPath("$.a.b"))
        #expect(try paths.reference("$.a") == ReferencePath.parse("$.a"))
        #expect(throws: StatesError.self) { try paths.reference("$..a") }
    }
}
