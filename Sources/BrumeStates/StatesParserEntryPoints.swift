package import BrumeWire

/// Package-wide entry points into the interpreter's internal parsers, for the fuzz targets in
/// `BrumeFuzzTargets` and their corpus-replay tests.
///
/// JSONPath, reference paths, intrinsic functions and ASL timestamps are internal to
/// `BrumeStates`: services reach them only through a definition. The fuzzer feeds each one
/// directly, so a crash points at the parser that has it. Every entry point returns nil for
/// input the parser refuses; it never throws and never traps by itself.
package enum StatesParserEntryPoints {
    /// Parses `path` as a JSONPath and evaluates it against `input`, with `context` as `$$` and
    /// `variables` for `$name`; nil when the path is invalid or selects nothing.
    package static func evaluateJSONPath(
        _ path: String, input: JSONValue, context: JSONValue = .object([:]), variables: JSONObject = [:]
    ) -> JSONValue? {
        guard let parsed = try? JSONPath(path) else { return nil }
        _ = parsed.description
        return try? parsed.evaluate(in: PathScope(input: input, context: context, variables: variables))
    }

    /// Parses `path` as a reference path (`ResultPath`) and writes `value` into `document` there;
    /// nil when the path is not a reference path or does not fit the document.
    package static func applyReferencePath(_ path: String, value: JSONValue, in document: JSONValue) -> JSONValue? {
        guard let parsed = try? ReferencePath.parse(path) else { return nil }
        return try? parsed.set(value, in: document)
    }

    /// Validates `expression` as an intrinsic function call, then evaluates it with its path
    /// arguments read from `input`, drawing `States.MathRandom` and `States.UUID` from a generator
    /// seeded with `seed`; nil when the expression is invalid or its evaluation fails the state.
    package static func evaluateIntrinsic(_ expression: String, input: JSONValue, seed: UInt64) -> JSONValue? {
        guard (try? IntrinsicFunctions.validate(expression)) != nil else { return nil }
        let scope = PathScope(input: input)
        var generator = SeededGenerator(state: seed)
        return try? IntrinsicFunctions.evaluate(
            expression,
            resolve: { path throws(StatesError) in try Interpreter.resolve(path, in: scope) },
            using: &generator
        )
    }

    /// Parses `text` as a Choice rule or Wait state timestamp; its epoch seconds, or nil when
    /// Step Functions would not take it as a timestamp.
    package static func parseTimestamp(_ text: String) -> Int64? {
        StatesTimestamp(text)?.epochSeconds
    }
}

/// SplitMix64: a small deterministic generator, so a fuzz input replays to the same result.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
