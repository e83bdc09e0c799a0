public import BrumeWire

/// `ResultWriter.WriterConfig`: how a Distributed Map formats its children's results.
///
/// As AWS documents it:
/// - `NONE` writes each child's execution description with its output unchanged (``ChildExecutionResult/entry``);
///   the default when results are exported to S3 without a `WriterConfig`.
/// - `COMPACT` writes only each child's output; the default when there is no `ResultWriter`, which
///   is the plain Map output, an array of outputs.
/// - `FLATTEN` writes each child's output too, but splices an output that is an array into the
///   result, so arrays of arrays become one array.
/// - A child that did not succeed is written as with `NONE`, whatever the transformation.
/// - `OutputType` `JSON` makes a file one JSON array; `JSONL` makes it one JSON value per line.
public struct WriterConfig: Sendable, Equatable {
    public enum Transformation: String, Sendable, CaseIterable {
        case none = "NONE"
        case compact = "COMPACT"
        case flatten = "FLATTEN"
    }

    public enum OutputType: String, Sendable, CaseIterable {
        case json = "JSON"
        case jsonl = "JSONL"
    }

    public var transformation: Transformation
    public var outputType: OutputType

    public init(transformation: Transformation, outputType: OutputType = .json) {
        self.transformation = transformation
        self.outputType = outputType
    }

    /// What an S3 export without a `WriterConfig` writes: `NONE`, as JSON.
    public static let exportDefault = WriterConfig(transformation: .none, outputType: .json)

    /// What a Map state without a `ResultWriter` returns: `COMPACT`, as JSON.
    public static let stateOutputDefault = WriterConfig(transformation: .compact, outputType: .json)

    /// The values one child contributes to the results: none, one or (for `FLATTEN`) many.
    ///
    /// An output that is not valid JSON text is kept as a string rather than dropped.
    public func values(for result: ChildExecutionResult) -> [JSONValue] {
        guard result.status == .succeeded, transformation != .none else { return [result.entry] }
        let output = result.output.map { text in (try? JSONValue.parse(Array(text.utf8))) ?? .string(text) } ?? .null
        if transformation == .flatten, case .array(let elements) = output { return elements }
        return [output]
    }

    /// The Map state's output when `WriterConfig` is given without an S3 destination: every
    /// child's values, in the order given (the caller passes children in item order).
    ///
    /// A state's output is a JSON value, so this is an array whatever ``outputType`` says; AWS
    /// documents no JSON Lines form for it.
    public func stateOutput(_ results: some Sequence<ChildExecutionResult>) -> JSONValue {
        .array(results.flatMap(values(for:)))
    }
}
