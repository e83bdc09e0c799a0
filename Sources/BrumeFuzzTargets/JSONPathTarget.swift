import BrumeStates
import BrumeWire

/// JSONPath as Step Functions reads it in InputPath, OutputPath, Parameters and ItemsPath, and
/// reference paths (ResultPath).
enum JSONPathTarget {
    static let summary = "First line: a JSONPath, evaluated and applied as a ResultPath; the rest: the JSON document (a fixed one when it does not parse)"

    /// A document with nesting, arrays, numbers and odd names for paths to walk.
    static let sampleDocument: JSONValue = [
        "store": [
            "book": [
                ["title": "a", "price": 8.95, "tags": ["x", "y"]],
                ["title": "b", "price": 12, "isbn": "0-553"],
                ["title": "c", "price": nil],
            ],
            "bicycle": ["color": "red", "price": 19.95],
        ],
        "a b": ["c.d": [1, 2, 3]],
        "n": -1,
        "": true,
    ]

    static func run(_ data: [UInt8]) {
        let (path, rest) = FuzzInput.firstLine(data)
        let document = (try? JSONValue.parse(rest)) ?? sampleDocument
        _ = StatesParserEntryPoints.evaluateJSONPath(path, input: document, context: sampleDocument, variables: ["v": document])
        _ = StatesParserEntryPoints.applyReferencePath(path, value: "result", in: document)
    }
}
