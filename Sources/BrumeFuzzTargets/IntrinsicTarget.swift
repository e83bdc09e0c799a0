import BrumeStates
import BrumeWire

/// ASL intrinsic functions (`States.Format`, `States.ArrayRange`, `States.MathRandom`, ...).
enum IntrinsicTarget {
    static let summary = "First line: an intrinsic function call, validated then evaluated with a seeded generator; the rest: the state input (a fixed one when it does not parse)"

    static func run(_ data: [UInt8]) {
        let (expression, rest) = FuzzInput.firstLine(data)
        let input = (try? JSONValue.parse(rest)) ?? JSONPathTarget.sampleDocument
        _ = StatesParserEntryPoints.evaluateIntrinsic(expression, input: input, seed: 42)
    }
}
