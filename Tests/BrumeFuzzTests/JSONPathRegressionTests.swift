import BrumeStates
import BrumeWire
import Testing

/// Crashes found in the JSONPath reader and evaluator, which every path in a client's state
/// machine definition goes through.
@Suite struct JSONPathRegressionTests {
    /// `fuzz/crashes/jsonpath/slice-step-overflow`: the slice's index overflowed past its step
    /// and trapped, so an InputPath of `$.a[1::9223372036854775807]` took the process down.
    @Test func sliceWithHugeStepEndsAfterItsFirstElement() {
        let document: JSONValue = ["a": [1, 2, 3]]
        #expect(StatesParserEntryPoints.evaluateJSONPath("$.a[1::9223372036854775807]", input: document) == [2])
        #expect(StatesParserEntryPoints.evaluateJSONPath("$.a[1::-9223372036854775808]", input: document) == [2])
        #expect(StatesParserEntryPoints.evaluateJSONPath("$.a[::2]", input: document) == [1, 3])
        #expect(StatesParserEntryPoints.evaluateJSONPath("$.a[::-1]", input: document) == [3, 2, 1])
    }

    /// `fuzz/crashes/jsonpath/nested-filters-stack-overflow`: 2,000 filters nested in each other
    /// overflowed the stack of the recursive parser. Filters now nest at most 32 deep and a path
    /// holds at most 256 conditions; past that the path is invalid.
    @Test(arguments: [
        "$" + String(repeating: "[?(@.a", count: 2_000) + String(repeating: ")]", count: 2_000),
        "$[?(" + String(repeating: "!", count: 100_000) + "@.a)]",
        "$[?(" + String(repeating: "(", count: 100_000) + "@.a" + String(repeating: ")", count: 100_000) + ")]",
        "$[?(" + Array(repeating: "@.a", count: 100_000).joined(separator: " || ") + ")]",
    ])
    func deeplyNestedOrLongFiltersAreInvalid(path: String) {
        #expect(StatesParserEntryPoints.evaluateJSONPath(path, input: ["a": 1]) == nil)
    }

    @Test func filtersWithinTheLimitsStillWork() {
        let document: JSONValue = ["items": [["a": 1, "b": ["c": 2]], ["a": 5]]]
        let nested = "$.items[?(@.b[?(@.c == 2)] && !(@.a > 3))].a"
        #expect(StatesParserEntryPoints.evaluateJSONPath(nested, input: document) == [1])
        let many = "$.items[?(" + Array(repeating: "@.a == 5", count: 200).joined(separator: " || ") + ")].a"
        #expect(StatesParserEntryPoints.evaluateJSONPath(many, input: document) == [5])
    }

    /// `fuzz/crashes/jsonpath/deep-scans-without-end`: every `..` scan starts again from every
    /// node the step before selected, so `$..a..a..a..a..a..a` over a 300-byte input nested
    /// fifty deep ran for minutes while its memory grew. Past two million visited nodes the path
    /// now fails, as a path that selects nothing does.
    @Test func repeatedDeepScansStopAtTheBudget() throws {
        let nested = try JSONValue.parse(Array((String(repeating: #"{"a":"#, count: 50) + "1" + String(repeating: "}", count: 50)).utf8))
        #expect(StatesParserEntryPoints.evaluateJSONPath("$..a..a..a..a..a..a", input: nested) == nil)
        let matches = StatesParserEntryPoints.evaluateJSONPath("$..a", input: nested)?.arrayValue
        #expect(matches?.count == 50)
    }
}
