import BrumeWire
import Testing

@testable import BrumeStates

/// Extreme arguments fail the state with AWS's cause instead of trapping on overflow or building
/// gigabytes (issue 12: `ArrayRange` and `MathRandom` once took the process down).
@Suite("Intrinsic functions: extreme arguments")
struct IntrinsicExtremeArgumentTests {
    private func evaluate(_ expression: String, _ input: JSONValue = [:]) throws(StatesError) -> JSONValue {
        try IntrinsicFunctions.evaluate(expression) { (path: String) throws(StatesError) -> JSONValue in
            guard let value = input[String(path.dropFirst(2))] else { throw .runtime("missing \(path)") }
            return value
        }
    }

    @Test("Overflowing arguments are States.Runtime", arguments: [
        "States.ArrayRange(0, 9223372036854775807, 1)",
        "States.ArrayRange(0, -9223372036854775808, -1)",
        "States.ArrayRange(-9223372036854775808, 9223372036854775807, 9223372036854775807)",
        "States.ArrayRange(9223372036854775807, -9223372036854775808, -9223372036854775808)",
        "States.ArrayRange(0, 1e300, 1)",
        "States.MathRandom(-9e18, 9e18)",
        "States.MathRandom(-9223372036854775808, 9223372036854775807)",
        "States.MathRandom(-9223372036854775808, 9223372036854775807, 9223372036854775807)",
        "States.MathRandom(1, 1e300)",
        "States.MathRandom(1, 10, 1e300)",
        "States.MathAdd(9223372036854775807, 9223372036854775807)",
        "States.ArrayGetItem(States.Array(1, 2), 9223372036854775807)",
        "States.ArrayGetItem(States.Array(1, 2), -9223372036854775808)",
        "States.ArrayPartition(States.Array(1, 2), -9223372036854775808)",
    ])
    func overflowIsInvalid(expression: String) {
        let function = String(expression.prefix(while: { $0 != "(" }))
        #expect(throws: StatesError(StatesErrorName.runtime, "Invalid arguments in \(function)")) { try evaluate(expression) }
    }

    @Test func extremeButValidArgumentsStillWork() throws {
        #expect(try evaluate("States.ArrayPartition(States.Array(1, 2, 3), 9223372036854775807)") == [[1, 2, 3]])
        #expect(try evaluate("States.ArrayRange(9223372036854775806, 9223372036854775807, 1)") == [9_223_372_036_854_775_806, 9_223_372_036_854_775_807])
        #expect(try evaluate("States.ArrayRange(-9223372036854775808, -9223372036854775807, 1)").arrayValue?.count == 2)
        #expect(try evaluate("States.ArrayRange(0, 10, -9223372036854775808)") == [])
        let random = try evaluate("States.MathRandom(-1073741824, 1073741823, -9223372036854775808)")
        #expect(random.intValue.map { (-1_073_741_824..<1_073_741_823).contains($0) } == true)
    }

    @Test("Results past 256 KiB are States.DataLimitExceeded before they are built", arguments: [
        "States.Format('{}{}{}{}', $.s, $.s, $.s, $.s)",
        "States.JsonToString(States.Array($.s, $.s, $.s, $.s))",
        "States.Array($.s, $.s, $.s, $.s)",
    ])
    func largeResults(expression: String) {
        let input: JSONValue = ["s": .string(String(repeating: "x", count: 100_000))]
        let failure = #expect(throws: StatesError.self) { try evaluate(expression, input) }
        #expect(failure?.error == StatesErrorName.dataLimitExceeded)
    }

    @Test func arrayUniqueOfManyValuesIsLinear() throws {
        let values = (0..<50_000).map { JSONValue.int(Int64($0 % 25_000)) }
        #expect(try evaluate("States.ArrayUnique($.v)", ["v": .array(values)]).arrayValue?.count == 25_000)
        // Objects are equal whatever their member order, as JSONValue compares them.
        let objects: JSONValue = [["a": 1, "b": 2], ["b": 2, "a": 1], ["a": 1], 1]
        #expect(try evaluate("States.ArrayUnique($.v)", ["v": objects]) == [["a": 1, "b": 2], ["a": 1], 1])
    }
}
